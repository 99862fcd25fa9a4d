import { expect } from 'chai';
import * as crypto from '../../../src/crypto/index.ts';

describe('crypto/index', () => {
  it('re-exports a working secret box over derived keys', async () => {
    const secrets = crypto.generateSecrets();
    const keys = await crypto.deriveKeys(secrets.API_KEY_PEPPER, secrets.FERNET_SALT);
    const box = crypto.createSecretBox(keys['whatsapp-session']);
    expect(box.openText(box.seal('creds'))).to.equal('creds');
    const ssoKey = crypto.deriveSsoKey(secrets.WEBHOOK_SECRET);
    const token = crypto.signSsoToken(ssoKey, { sub: 'u', exp: 1_000_030, jti: 'j' });
    expect(crypto.verifySsoToken(ssoKey, token, 1_000_000).sub).to.equal('u');
  });
});
