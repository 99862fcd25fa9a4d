import { expect } from 'chai';
import {
  deriveKey,
  deriveKeys,
  fernetSaltProblem,
  KEY_DOMAINS,
  pepperProblem,
} from '../../../src/crypto/keys.ts';

/** Awaits a promise that must reject, and returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

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
      expect(key.toString('hex'), domain).to.equal(KNOWN_KEYS[domain]);
    }
  });

  it('gives every domain a different key', async () => {
    const keys = await deriveKeys(PEPPER, SALT);
    const distinct = new Set(KEY_DOMAINS.map((domain) => keys[domain].toString('hex')));
    expect(distinct.size).to.equal(KEY_DOMAINS.length);
  });

  it('deriveKeys returns a frozen object of the per-domain keys', async () => {
    const keys = await deriveKeys(PEPPER, SALT);
    expect(Object.isFrozen(keys)).to.equal(true);
    expect(Object.keys(keys).sort()).to.deep.equal([...KEY_DOMAINS].sort());
    expect(keys['owner-api-key'].toString('hex')).to.equal(KNOWN_KEYS['owner-api-key']);
  });

  it('treats upper- and lower-case hex salt alike, as bytes.fromhex does', async () => {
    const upper = await deriveKey(PEPPER, SALT.toUpperCase(), 'whatsapp-session');
    expect(upper.toString('hex')).to.equal(KNOWN_KEYS['whatsapp-session']);
  });

  it('changes the key when the pepper or salt changes', async () => {
    const otherPepper = await deriveKey(`${PEPPER}!`, SALT, 'whatsapp-session');
    const otherSalt = await deriveKey(PEPPER, `${SALT.slice(0, -2)}00`, 'whatsapp-session');
    expect(otherPepper.toString('hex')).to.not.equal(KNOWN_KEYS['whatsapp-session']);
    expect(otherSalt.toString('hex')).to.not.equal(KNOWN_KEYS['whatsapp-session']);
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
      expect(await rejection(deriveKey(pepper, salt, 'whatsapp-session'))).to.be.instanceOf(
        RangeError,
      );
    }
  });

  it('rejects a domain that is not listed', async () => {
    const unknown = 'sso' as unknown as (typeof KEY_DOMAINS)[number];
    const error = await rejection(deriveKey(PEPPER, SALT, unknown));
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/Unknown key domain/);
  });

  it('explains key-material problems in words, and accepts good values', () => {
    expect(pepperProblem('x'.repeat(31)) ?? '').to.match(/at least 32 characters/);
    expect(pepperProblem('x'.repeat(32))).to.equal(null);
    expect(fernetSaltProblem('ab'.repeat(15)) ?? '').to.match(/at least 32 hexadecimal/);
    expect(fernetSaltProblem(`${SALT}a`) ?? '').to.match(/even number/);
    expect(fernetSaltProblem(`g${SALT}`) ?? '').to.match(/only hexadecimal/);
    expect(fernetSaltProblem(SALT)).to.equal(null);
  });
});
