import assert from 'node:assert/strict';
import { fernetSaltProblem, pepperProblem } from '../../../src/crypto/keys.ts';
import {
  decodeWebhookSecret,
  generateSecrets,
  isValidWebhookSecret,
} from '../../../src/crypto/secrets.ts';

const bytesAsSecret = (count: number): string =>
  `whsec_${Buffer.alloc(count, 0xfb).toString('base64')}`;

describe('crypto/secrets', () => {
  it('generates secrets of the documented shapes', () => {
    const secrets = generateSecrets();
    assert.match(secrets.API_KEY_PEPPER, /^[0-9a-f]{64}$/);
    assert.match(secrets.FERNET_SALT, /^[0-9a-f]{64}$/);
    assert.match(secrets.WEBHOOK_SECRET, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(decodeWebhookSecret(secrets.WEBHOOK_SECRET)?.length, 32);
  });

  it('generates secrets that the key derivation and webhook checks accept', () => {
    const secrets = generateSecrets();
    assert.equal(pepperProblem(secrets.API_KEY_PEPPER), null);
    assert.equal(fernetSaltProblem(secrets.FERNET_SALT), null);
    assert.equal(isValidWebhookSecret(secrets.WEBHOOK_SECRET), true);
  });

  it('generates different secrets each time', () => {
    const first = generateSecrets();
    const second = generateSecrets();
    assert.notEqual(first.API_KEY_PEPPER, second.API_KEY_PEPPER);
    assert.notEqual(first.FERNET_SALT, second.FERNET_SALT);
    assert.notEqual(first.WEBHOOK_SECRET, second.WEBHOOK_SECRET);
  });

  it('accepts webhook secrets of 24 bytes or more and decodes their bytes', () => {
    assert.equal(isValidWebhookSecret(bytesAsSecret(24)), true);
    assert.equal(isValidWebhookSecret(bytesAsSecret(64)), true);
    assert.deepEqual(decodeWebhookSecret(bytesAsSecret(24)), Buffer.alloc(24, 0xfb));
  });

  it('rejects webhook secrets of the wrong shape', () => {
    const good = bytesAsSecret(32);
    const bad = [
      good.slice('whsec_'.length),
      `WHSEC_${good.slice(6)}`,
      bytesAsSecret(23),
      good.replace(/=$/, ''),
      `${good}AAAA!`,
      good.replace(/\+/g, '-').replace(/\//g, '_'),
      'whsec_',
      '',
      42 as unknown as string,
    ];
    for (const secret of bad) {
      assert.equal(isValidWebhookSecret(secret), false, String(secret));
    }
  });
});
