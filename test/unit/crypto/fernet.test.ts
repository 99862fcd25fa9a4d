import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createFernet, InvalidTokenError } from '../../../src/crypto/fernet.ts';

interface Vector {
  desc?: string;
  token: string;
  now: string;
  secret: string;
  src?: string;
  iv?: number[];
  ttl_sec?: number;
}

function loadVectors(name: string): Vector[] {
  const url = new URL(`../../fixtures/fernet/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Vector[];
}

function unixSeconds(rfc3339: string): number {
  return Math.floor(Date.parse(rfc3339) / 1000);
}

const SPEC_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
const SPEC_TOKEN =
  'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==';

/** Decodes a token, lets `edit` change its bytes, and re-encodes it canonically. */
function editToken(token: string, edit: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(token, 'base64url');
  edit(bytes);
  const body = bytes.toString('base64url');
  return body + '='.repeat((4 - (body.length % 4)) % 4);
}

function expectInvalid(action: () => unknown, reason?: string): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(InvalidTokenError);
  if (reason !== undefined) expect((caught as InvalidTokenError).reason).to.equal(reason);
}

describe('crypto/fernet', () => {
  describe('spec vectors', () => {
    for (const vector of loadVectors('generate.json')) {
      it(`generate: produces ${vector.token.slice(0, 16)}… exactly`, () => {
        const token = createFernet(vector.secret).encrypt(vector.src ?? '', {
          now: unixSeconds(vector.now),
          iv: Buffer.from(vector.iv ?? []),
        });
        expect(token).to.equal(vector.token);
      });
    }

    for (const vector of loadVectors('verify.json')) {
      it(`verify: decrypts ${vector.token.slice(0, 16)}… to its source`, () => {
        const plain = createFernet(vector.secret).decrypt(vector.token, {
          ttlSeconds: vector.ttl_sec,
          now: unixSeconds(vector.now),
        });
        expect(plain.toString('utf8')).to.equal(vector.src);
      });
    }

    for (const vector of loadVectors('invalid.json')) {
      it(`invalid: rejects "${vector.desc}"`, () => {
        const fernet = createFernet(vector.secret);
        const opts = { ttlSeconds: vector.ttl_sec, now: unixSeconds(vector.now) };
        expectInvalid(() => fernet.decrypt(vector.token, opts));
      });
    }
  });

  it('round-trips text and binary with a fresh IV each time', () => {
    const fernet = createFernet(Buffer.alloc(32, 7));
    const binary = Buffer.from([0, 255, 1, 254, 0x80]);
    const first = fernet.encrypt('नमस्ते — ✓');
    const second = fernet.encrypt('नमस्ते — ✓');
    expect(first).to.not.equal(second);
    expect(fernet.decrypt(first).toString('utf8')).to.equal('नमस्ते — ✓');
    expect(fernet.decrypt(fernet.encrypt(binary)).equals(binary)).to.equal(true);
    expect(fernet.decrypt(fernet.encrypt('')).length).to.equal(0);
  });

  it('rejects a token with any single byte altered', () => {
    const fernet = createFernet(SPEC_KEY);
    const length = Buffer.from(SPEC_TOKEN, 'base64url').length;
    for (let index = 0; index < length; index += 1) {
      const tampered = editToken(SPEC_TOKEN, (bytes) => {
        bytes[index] = (bytes[index] ?? 0) ^ 0x01;
      });
      expectInvalid(() => fernet.decrypt(tampered));
    }
  });

  it('rejects a token made under another key', () => {
    const token = createFernet(Buffer.alloc(32, 1)).encrypt('secret');
    expectInvalid(() => createFernet(Buffer.alloc(32, 2)).decrypt(token), 'signature mismatch');
  });

  it('rejects a correctly signed token of an unknown version', () => {
    const key = Buffer.from(SPEC_KEY, 'base64url');
    const token = editToken(SPEC_TOKEN, (bytes) => {
      bytes[0] = 0x81;
      const signed = bytes.subarray(0, bytes.length - 32);
      createHmac('sha256', key.subarray(0, 16)).update(signed).digest().copy(bytes, signed.length);
    });
    expectInvalid(() => createFernet(key).decrypt(token), 'unknown version');
  });

  it('rejects unpadded, truncated and non-string tokens', () => {
    const fernet = createFernet(SPEC_KEY);
    expectInvalid(() => fernet.decrypt(SPEC_TOKEN.replace(/=+$/, '')), 'not canonical base64url');
    expectInvalid(() => fernet.decrypt(''), 'wrong length');
    expectInvalid(() => fernet.decrypt(null as unknown as string));
  });

  it('applies TTL and clock skew only when a TTL is given, at the exact boundaries', () => {
    const fernet = createFernet(Buffer.alloc(32, 3));
    const token = fernet.encrypt('x', { now: 1_000_000 });
    expect(fernet.decrypt(token, { ttlSeconds: 60, now: 1_000_060 }).toString()).to.equal('x');
    expectInvalid(() => fernet.decrypt(token, { ttlSeconds: 60, now: 1_000_061 }), 'expired');
    expect(fernet.decrypt(token, { ttlSeconds: 60, now: 999_940 }).toString()).to.equal('x');
    expectInvalid(
      () => fernet.decrypt(token, { ttlSeconds: 60, now: 999_939 }),
      'timestamp in the future',
    );
    expect(fernet.decrypt(token, { now: 5_000_000_000 }).toString()).to.equal('x');
    expect(fernet.decrypt(token, { now: 0 }).toString()).to.equal('x');
    expect(() => fernet.decrypt(token, { ttlSeconds: Number.NaN })).to.throw(RangeError);
  });

  it('accepts the key as raw bytes or padded base64url, and nothing else', () => {
    const raw = Buffer.from(SPEC_KEY, 'base64url');
    const opts = { now: 499_162_800, iv: Buffer.alloc(16, 9) };
    expect(createFernet(raw).encrypt('k', opts)).to.equal(
      createFernet(SPEC_KEY).encrypt('k', opts),
    );
    expect(() => createFernet(Buffer.alloc(16))).to.throw(RangeError);
    expect(() => createFernet(SPEC_KEY.slice(0, -1))).to.throw(RangeError);
    expect(() => createFernet(SPEC_KEY.replace(/_/g, '/'))).to.throw(RangeError);
    expect(() => createFernet(raw).encrypt('k', { iv: Buffer.alloc(8) })).to.throw(RangeError);
  });

  it('is not affected by later changes to the caller’s key buffer', () => {
    const key = Buffer.alloc(32, 4);
    const fernet = createFernet(key);
    const token = fernet.encrypt('kept');
    key.fill(0);
    expect(fernet.decrypt(token).toString()).to.equal('kept');
  });
});
