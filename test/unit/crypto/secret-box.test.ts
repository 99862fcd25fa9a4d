import { expect } from 'chai';
import { createFernet, InvalidTokenError } from '../../../src/crypto/fernet.ts';
import { deriveKey } from '../../../src/crypto/keys.ts';
import { createSecretBox } from '../../../src/crypto/secret-box.ts';

/**
 * Made on this machine with Python's `cryptography.fernet.Fernet(urlsafe_b64encode(key))` where
 * key is OpenAlgo's derivation for PEPPER/SALT/'whatsapp-session'; plaintext below.
 */
const PEPPER = 'test-pepper-0123456789abcdef-0123456789';
const SALT = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const PYTHON_PLAIN = 'नमस्ते {"creds": 1} — session';
const PYTHON_TOKEN =
  'gAAAAABlU_EAEBESExQVFhcYGRobHB0eH2y7IYueFhk25OIEzupaIS1fDblC1l9Gu2fetzTL8QTUpHfKlWec9mYOOi' +
  'ebYejVZI7orUqyRbeF6vXse8tO4BWbMyDr_Tf-ePVy54i1mL76';

describe('crypto/secret-box', () => {
  it('opens a value Python sealed with OpenAlgo’s key derivation', async () => {
    const box = createSecretBox(await deriveKey(PEPPER, SALT, 'whatsapp-session'));
    expect(box.openText(PYTHON_TOKEN)).to.equal(PYTHON_PLAIN);
  });

  it('round-trips text and bytes', () => {
    const box = createSecretBox(Buffer.alloc(32, 5));
    const bytes = Buffer.from([1, 2, 3, 0, 255]);
    expect(box.openText(box.seal('owner key ✓'))).to.equal('owner key ✓');
    expect(box.open(box.seal(bytes))).to.deep.equal(bytes);
  });

  it('never stores the plaintext and never repeats a token', () => {
    const box = createSecretBox(Buffer.alloc(32, 5));
    const first = box.seal('oa_live_secret_value');
    expect(first).to.not.include('oa_live_secret_value');
    expect(box.seal('oa_live_secret_value')).to.not.equal(first);
  });

  it('refuses a value sealed under another key, or altered', () => {
    const token = createSecretBox(Buffer.alloc(32, 5)).seal('x');
    expect(() => createSecretBox(Buffer.alloc(32, 6)).open(token)).to.throw(InvalidTokenError);
    const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(() => createSecretBox(Buffer.alloc(32, 5)).open(altered)).to.throw(InvalidTokenError);
  });

  it('keeps reading old values (no TTL on data at rest)', () => {
    const key = Buffer.alloc(32, 5);
    const sealedIn1970 = createFernet(key).encrypt('still here', { now: 0 });
    expect(createSecretBox(key).openText(sealedIn1970)).to.equal('still here');
  });

  it('requires a 32-byte Buffer key', () => {
    expect(() => createSecretBox(Buffer.alloc(31))).to.throw(RangeError);
    expect(() => createSecretBox('k'.repeat(32) as unknown as Buffer)).to.throw(RangeError);
  });
});
