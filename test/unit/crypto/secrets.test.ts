import { expect } from 'chai';
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
    expect(secrets.API_KEY_PEPPER).to.match(/^[0-9a-f]{64}$/);
    expect(secrets.FERNET_SALT).to.match(/^[0-9a-f]{64}$/);
    expect(secrets.WEBHOOK_SECRET).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(decodeWebhookSecret(secrets.WEBHOOK_SECRET)?.length).to.equal(32);
  });

  it('generates secrets that the key derivation and webhook checks accept', () => {
    const secrets = generateSecrets();
    expect(pepperProblem(secrets.API_KEY_PEPPER)).to.equal(null);
    expect(fernetSaltProblem(secrets.FERNET_SALT)).to.equal(null);
    expect(isValidWebhookSecret(secrets.WEBHOOK_SECRET)).to.equal(true);
  });

  it('generates different secrets each time', () => {
    const first = generateSecrets();
    const second = generateSecrets();
    expect(first.API_KEY_PEPPER).to.not.equal(second.API_KEY_PEPPER);
    expect(first.FERNET_SALT).to.not.equal(second.FERNET_SALT);
    expect(first.WEBHOOK_SECRET).to.not.equal(second.WEBHOOK_SECRET);
  });

  it('accepts webhook secrets of 24 bytes or more and decodes their bytes', () => {
    expect(isValidWebhookSecret(bytesAsSecret(24))).to.equal(true);
    expect(isValidWebhookSecret(bytesAsSecret(64))).to.equal(true);
    expect(decodeWebhookSecret(bytesAsSecret(24))).to.deep.equal(Buffer.alloc(24, 0xfb));
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
      expect(isValidWebhookSecret(secret), String(secret)).to.equal(false);
    }
  });
});
