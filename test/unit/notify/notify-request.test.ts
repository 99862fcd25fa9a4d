import { expect } from 'chai';
import { ValidationError } from '../../../src/errors.ts';
import { parseNotifyRequest } from '../../../src/http/schemas/notify-request.ts';

/** The message of the ValidationError `parseNotifyRequest` throws for `body`. */
function problem(body: unknown): string {
  try {
    parseNotifyRequest(body);
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).status).to.equal(400);
    return (error as ValidationError).message;
  }
  throw new Error('expected a ValidationError');
}

describe('notify request schema', () => {
  it('accepts every field with its documented type and drops null fields', () => {
    const body = {
      apikey: 'k',
      self: true,
      username: 'u',
      phone: 919876543210,
      phones: ['1', 2, true],
      message: 'm',
      image_path: '/a',
      document_path: null,
      caption: 'c',
      filename: 'f.pdf',
      wait_for_delivery: false,
      extra_field_from_a_newer_sdk: { ignored: true },
    };
    const parsed = parseNotifyRequest(body);
    expect(parsed).not.to.have.property('document_path');
    expect(parsed).to.include({ phone: 919876543210, wait_for_delivery: false, filename: 'f.pdf' });
  });

  it('names the field of a wrong type', () => {
    expect(problem({ self: 1 })).to.equal("'self' must be a boolean");
    expect(problem({ username: ['a'] })).to.equal("'username' must be a string");
    expect(problem({ phones: { 0: '1' } })).to.equal("'phones' must be a list");
    expect(problem({ message: { text: 'x' } })).to.equal("'message' must be a string");
    expect(problem({ image_path: 1 })).to.equal("'image_path' must be a string");
    expect(problem({ document_path: false })).to.equal("'document_path' must be a string");
    expect(problem({ caption: [] })).to.equal("'caption' must be a string");
    expect(problem({ filename: 3 })).to.equal("'filename' must be a string");
    expect(problem({ wait_for_delivery: 0 })).to.equal("'wait_for_delivery' must be a boolean");
    expect(problem({ apikey: 5 })).to.equal("'apikey' must be a string");
  });

  it('refuses a phone that is a float, a boolean or an overlong string as an invalid phone', () => {
    expect(problem({ phone: 98765.4 })).to.equal('Invalid phone number');
    expect(problem({ phone: false })).to.equal('Invalid phone number');
    expect(problem({ phone: '9'.repeat(65) })).to.equal('Invalid phone number');
  });

  it('applies the length limits in code points', () => {
    expect(problem({ message: 'x'.repeat(4097) })).to.equal(
      'Message must not exceed 4096 characters',
    );
    expect(parseNotifyRequest({ message: '𝄞'.repeat(4096) }).message).to.have.length(8192);
    expect(problem({ caption: 'c'.repeat(1025) })).to.equal(
      'Caption must not exceed 1024 characters',
    );
    expect(problem({ filename: 'f'.repeat(256) })).to.equal(
      'Filename must not exceed 255 characters',
    );
    expect(problem({ username: 'u'.repeat(129) })).to.equal(
      "'username' must not exceed 128 characters",
    );
    expect(problem({ image_path: `/${'p'.repeat(4096)}` })).to.equal('image_path is not allowed');
  });

  it('refuses file names with separators or control characters', () => {
    for (const filename of ['a/b', 'a\\b', 'a\u0000b', 'line\nbreak']) {
      expect(problem({ filename })).to.equal(
        'Filename must not contain path separators or control characters',
      );
    }
    expect(parseNotifyRequest({ filename: 'P&L 2026 (final).pdf' }).filename).to.equal(
      'P&L 2026 (final).pdf',
    );
  });

  it('refuses non-object bodies and too many fields', () => {
    for (const body of [null, [], [{}], 'x', 1, true]) {
      expect(problem(body)).to.equal('Request body must be a JSON object');
    }
    const wide = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
    expect(problem(wide)).to.equal('Request body must not have more than 64 fields');
  });
});
