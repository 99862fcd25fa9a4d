import assert from 'node:assert/strict';
import {
  deriveKey,
  deriveKeys,
  fernetSaltProblem,
  KEY_DOMAINS,
  pepperProblem,
} from '../../../src/crypto/keys.ts';

const PEPPER = 'test-pepper-0123456789abcdef-0123456789';
const SALT = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/**
 * Known answers computed independently on this machine with Python's
 * `hashlib.pbkdf2_hmac('sha256', PEPPER.encode(), bytes.fromhex(SALT) + b':' + domain, 100000, 32)`
 * (the whatsapp-session value also confirmed with `openssl kdf ... PBKDF2`).
 */
const KNOWN_KEYS = {
  'whatsapp-session': 'cdbbbd62460d98d066e5cb5645b9638fcb0d58cd8ec17a1850944af361ad6a8d',
  'owner-api-key': '0936956040020447f4f0c69795cdd941de2a80203439b3c92c577d518cf8f0db',
  'api-key-hash': '45a64c89ec8faf868f62057fe85278d64f967ac5a0c1cd01fc1e8339a9cd6b91',
  'message-content': 'a1d5ec9b02603e0cb04419e91b0b0746d815e80bd1adfaf0602c58f15f4b1e85',
} as const;

describe('crypto/keys', () => {
  it('derives the same keys as Python/OpenAlgo for every domain', async () => {
    for (const domain of KEY_DOMAINS) {
      const key = await deriveKey(PEPPER, SALT, domain);
      assert.equal(key.toString('hex'), KNOWN_KEYS[domain], domain);
    }
  });

  it('gives every domain a different key', async () => {
    const keys = await deriveKeys(PEPPER, SALT);
    const distinct = new Set(KEY_DOMAINS.map((domain) => keys[domain].toString('hex')));
    assert.equal(distinct.size, KEY_DOMAINS.length);
  });

  it('deriveKeys returns a frozen object of the per-domain keys', async () => {
    const keys = await deriveKeys(PEPPER, SALT);
    assert.ok(Object.isFrozen(keys));
    assert.deepEqual(Object.keys(keys).sort(), [...KEY_DOMAINS].sort());
    assert.equal(keys['owner-api-key'].toString('hex'), KNOWN_KEYS['owner-api-key']);
  });

  it('treats upper- and lower-case hex salt alike, as bytes.fromhex does', async () => {
    const upper = await deriveKey(PEPPER, SALT.toUpperCase(), 'whatsapp-session');
    assert.equal(upper.toString('hex'), KNOWN_KEYS['whatsapp-session']);
  });

  it('changes the key when the pepper or salt changes', async () => {
    const otherPepper = await deriveKey(`${PEPPER}!`, SALT, 'whatsapp-session');
    const otherSalt = await deriveKey(PEPPER, `${SALT.slice(0, -2)}00`, 'whatsapp-session');
    assert.notEqual(otherPepper.toString('hex'), KNOWN_KEYS['whatsapp-session']);
    assert.notEqual(otherSalt.toString('hex'), KNOWN_KEYS['whatsapp-session']);
  });

  it('rejects a short, odd-length or non-hex salt and a short pepper', async () => {
    const bad: Array<[string, string]> = [
      [PEPPER, SALT.slice(0, 30)],
      [PEPPER, `${SALT}0`],
      [PEPPER, `zz${SALT}`],
      [PEPPER, `${SALT.slice(0, 32)} ${SALT.slice(32)}`],
      ['short-pepper', SALT],
    ];
    for (const [pepper, salt] of bad) {
      await assert.rejects(deriveKey(pepper, salt, 'whatsapp-session'), RangeError);
    }
  });

  it('rejects a domain that is not listed', async () => {
    const unknown = 'sso' as unknown as (typeof KEY_DOMAINS)[number];
    await assert.rejects(deriveKey(PEPPER, SALT, unknown), /Unknown key domain/);
  });

  it('explains key-material problems in words, and accepts good values', () => {
    assert.match(pepperProblem('x'.repeat(31)) ?? '', /at least 32 characters/);
    assert.equal(pepperProblem('x'.repeat(32)), null);
    assert.match(fernetSaltProblem('ab'.repeat(15)) ?? '', /at least 32 hexadecimal/);
    assert.match(fernetSaltProblem(`${SALT}a`) ?? '', /even number/);
    assert.match(fernetSaltProblem(`g${SALT}`) ?? '', /only hexadecimal/);
    assert.equal(fernetSaltProblem(SALT), null);
  });
});
