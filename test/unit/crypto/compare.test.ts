import { expect } from 'chai';
import fc from 'fast-check';
import { hashApiKey, safeEqual, verifyApiKeyHash } from '../../../src/crypto/compare.ts';

const KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));

describe('crypto/compare', () => {
  describe('safeEqual', () => {
    it('is true only for identical contents, whatever the lengths', () => {
      expect(safeEqual('secret-value', 'secret-value')).to.equal(true);
      expect(safeEqual('secret-value', 'secret-valuE')).to.equal(false);
      expect(safeEqual('secret', 'secret-value')).to.equal(false);
      expect(safeEqual('secret-value', 'secret')).to.equal(false);
      expect(safeEqual('', '')).to.equal(true);
      expect(safeEqual('', 'x')).to.equal(false);
    });

    it('compares strings as UTF-8 and accepts Buffers', () => {
      expect(safeEqual('क', Buffer.from('क', 'utf8'))).to.equal(true);
      expect(safeEqual(Buffer.from([0, 1]), Buffer.from([0, 1, 0]))).to.equal(false);
    });

    it('agrees with === on arbitrary strings', () => {
      fc.assert(fc.property(fc.string(), fc.string(), (a, b) => safeEqual(a, b) === (a === b)));
      fc.assert(fc.property(fc.string(), (a) => safeEqual(a, `${a}`)));
    });
  });

  describe('hashApiKey', () => {
    it('matches HMAC-SHA256 hex computed independently (Python hmac)', () => {
      expect(hashApiKey('oa_live_key_123', KEY)).to.equal(
        '12078b034ddc5b0afb611449d04feba609cc9622b6e0deb03312903cacc0a873',
      );
    });

    it('depends on the key, so a stolen table cannot be checked without it', () => {
      expect(hashApiKey('oa_live_key_123', Buffer.alloc(32, 1))).to.not.equal(
        hashApiKey('oa_live_key_123', KEY),
      );
    });

    it('verifies a key against its stored hash', () => {
      const stored = hashApiKey('recipient-key', KEY);
      expect(verifyApiKeyHash('recipient-key', stored, KEY)).to.equal(true);
      expect(verifyApiKeyHash('recipient-kez', stored, KEY)).to.equal(false);
      expect(verifyApiKeyHash('recipient-key', stored.slice(1), KEY)).to.equal(false);
    });
  });
});
