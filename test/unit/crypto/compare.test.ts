import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashApiKey, safeEqual, verifyApiKeyHash } from '../../../src/crypto/compare.ts';

const KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));

describe('crypto/compare', () => {
  describe('safeEqual', () => {
    it('is true only for identical contents, whatever the lengths', () => {
      assert.equal(safeEqual('secret-value', 'secret-value'), true);
      assert.equal(safeEqual('secret-value', 'secret-valuE'), false);
      assert.equal(safeEqual('secret', 'secret-value'), false);
      assert.equal(safeEqual('secret-value', 'secret'), false);
      assert.equal(safeEqual('', ''), true);
      assert.equal(safeEqual('', 'x'), false);
    });

    it('compares strings as UTF-8 and accepts Buffers', () => {
      assert.equal(safeEqual('क', Buffer.from('क', 'utf8')), true);
      assert.equal(safeEqual(Buffer.from([0, 1]), Buffer.from([0, 1, 0])), false);
    });

    it('agrees with === on arbitrary strings', () => {
      fc.assert(fc.property(fc.string(), fc.string(), (a, b) => safeEqual(a, b) === (a === b)));
      fc.assert(fc.property(fc.string(), (a) => safeEqual(a, `${a}`)));
    });
  });

  describe('hashApiKey', () => {
    it('matches HMAC-SHA256 hex computed independently (Python hmac)', () => {
      assert.equal(
        hashApiKey('oa_live_key_123', KEY),
        '12078b034ddc5b0afb611449d04feba609cc9622b6e0deb03312903cacc0a873',
      );
    });

    it('depends on the key, so a stolen table cannot be checked without it', () => {
      assert.notEqual(
        hashApiKey('oa_live_key_123', Buffer.alloc(32, 1)),
        hashApiKey('oa_live_key_123', KEY),
      );
    });

    it('verifies a key against its stored hash', () => {
      const stored = hashApiKey('recipient-key', KEY);
      assert.equal(verifyApiKeyHash('recipient-key', stored, KEY), true);
      assert.equal(verifyApiKeyHash('recipient-kez', stored, KEY), false);
      assert.equal(verifyApiKeyHash('recipient-key', stored.slice(1), KEY), false);
    });
  });
});
