import { expect } from 'chai';
import fc from 'fast-check';
import {
  buildContent,
  contentToOutboxFields,
  outboxFieldsToContent,
  outboxToRecipient,
  recipientToOutbox,
} from '../../../src/notify/content.ts';

describe('notify content', () => {
  it('builds a text message', () => {
    expect(buildContent({ message: 'hi' })).to.deep.equal({ type: 'text', text: 'hi' });
  });

  it('gives an image the caption, else the text, else nothing', () => {
    expect(buildContent({ imagePath: '/a/i.png', caption: 'c', message: 'm' })).to.deep.equal({
      type: 'image',
      path: '/a/i.png',
      caption: 'c',
    });
    expect(buildContent({ imagePath: '/a/i.png', caption: '', message: 'm' })).to.deep.equal({
      type: 'image',
      path: '/a/i.png',
      caption: 'm',
    });
    expect(buildContent({ imagePath: '/a/i.png' })).to.deep.equal({
      type: 'image',
      path: '/a/i.png',
    });
  });

  it("gives a document its file name (the file's own by default) and the text, else caption, as follow-up", () => {
    expect(
      buildContent({
        documentPath: '/a/r.pdf',
        filename: 'Report.pdf',
        message: 'm',
        caption: 'c',
      }),
    ).to.deep.equal({
      type: 'document',
      path: '/a/r.pdf',
      fileName: 'Report.pdf',
      followUpText: 'm',
    });
    expect(buildContent({ documentPath: '/a/r.pdf', caption: 'c' })).to.deep.equal({
      type: 'document',
      path: '/a/r.pdf',
      fileName: 'r.pdf',
      followUpText: 'c',
    });
  });

  it('round-trips every content through the outbox columns', () => {
    const text = fc.string({ minLength: 1, maxLength: 50 });
    const input = fc.record(
      {
        message: text,
        caption: text,
        filename: text,
        imagePath: text.map((t) => `/r/${t}`),
        documentPath: text.map((t) => `/r/${t}`),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (fields) => {
        const content = buildContent(fields);
        expect(outboxFieldsToContent(contentToOutboxFields(content))).to.deep.equal(content);
      }),
      { numRuns: 500 },
    );
  });

  it("stores self as 'self' and a JID as itself", () => {
    expect(recipientToOutbox({ kind: 'self' })).to.equal('self');
    expect(outboxToRecipient('self')).to.deep.equal({ kind: 'self' });
    expect(
      outboxToRecipient(recipientToOutbox({ kind: 'jid', jid: '91@s.whatsapp.net' })),
    ).to.deep.equal({
      kind: 'jid',
      jid: '91@s.whatsapp.net',
    });
  });
});
