import { expect } from 'chai';
import { Script } from 'node:vm';
import { deriveSsoKey, signSsoToken } from '../../../src/crypto/index.ts';
import { TEST_SECRETS } from '../../support/config.ts';
import { signIn, startAdmin, type AdminHarness } from './support.ts';

const now = () => Math.floor(Date.now() / 1000);
const key = () => deriveSsoKey(TEST_SECRETS.WEBHOOK_SECRET);
const token = (claims: Partial<{ sub: string; exp: number; jti: string }> = {}) =>
  signSsoToken(key(), { sub: 'hostuser', exp: now() + 30, jti: `jti-${Math.random()}`, ...claims });

describe('host single sign-on (SPEC §7.1)', function () {
  this.timeout(20_000);
  let h: AdminHarness;
  beforeEach(async () => (h = await startAdmin()));
  afterEach(() => h.close());

  it('signs a valid token in and makes its user the owner when none is set', async () => {
    const agent = h.agent();
    const response = await agent.get('/whatsapp/sso').query({ token: token({ sub: 'trader1' }) });
    expect(response.status).to.equal(302);
    expect(response.headers.location).to.equal('/whatsapp');
    const config = await agent.get('/whatsapp/config').expect(200);
    expect(config.body.data.config.owner_username).to.equal('trader1');
    // A second host user gets a session but does not take over the owner.
    const other = h.agent();
    await other
      .get('/whatsapp/sso')
      .query({ token: token({ sub: 'trader2' }) })
      .expect(302);
    expect(await h.app.settings.getOwnerUsername()).to.equal('trader1');
  });

  it('refuses a reused token', async () => {
    const once = token();
    await h.agent().get('/whatsapp/sso').query({ token: once }).expect(302);
    const again = await h
      .agent()
      .get('/whatsapp/sso')
      .query({ token: once })
      .set('Accept', 'application/json');
    expect(again.status).to.equal(401);
    expect(again.body).to.include({ code: 'sso_reused' });
  });

  it('refuses forged, expired, too-long-lived and malformed tokens, with a page for browsers', async () => {
    const forged = signSsoToken(deriveSsoKey('whsec_' + Buffer.alloc(32, 7).toString('base64')), {
      sub: 'hostuser',
      exp: now() + 30,
      jti: 'forged',
    });
    const cases: Array<[string, string]> = [
      [forged, 'Sign-in link signature is invalid'],
      [token({ exp: now() - 1 }), 'Sign-in link has expired'],
      [token({ exp: now() + 3600 }), 'Sign-in link expiry is too far in the future'],
      ['garbage', 'Sign-in link is malformed'],
      [`${token().split('.')[0]}.`, 'Sign-in link is malformed'],
    ];
    for (const [bad, message] of cases) {
      const agent = h.agent();
      const json = await agent
        .get('/whatsapp/sso')
        .query({ token: bad })
        .set('Accept', 'application/json');
      expect(json.status, message).to.equal(401);
      expect(json.body.message).to.equal(message);
      const page = await agent
        .get('/whatsapp/sso')
        .query({ token: bad })
        .set('Accept', 'text/html');
      expect(page.status).to.equal(401);
      expect(page.headers['content-type']).to.match(/html/);
      expect(page.text).to.include(message);
      expect(
        (await agent.get('/whatsapp/config').set('Accept', 'application/json')).status,
      ).to.equal(401);
    }
    expect(await h.app.settings.getOwnerUsername()).to.equal(null);
  });

  it('accepts tokens signed with the previous secret for the grace period after a rotation', async () => {
    const agent = h.agent();
    const csrf = await signIn(agent);
    const rotated = await agent
      .post('/whatsapp/webhook-secret/rotate')
      .set('X-CSRF-Token', csrf)
      .send({});
    const fresh = rotated.body.data.webhook_secret as string;
    expect(await h.admin.webhookSecrets()).to.deep.equal([fresh, TEST_SECRETS.WEBHOOK_SECRET]);
    await h.agent().get('/whatsapp/sso').query({ token: token() }).expect(302);
    const signedNew = signSsoToken(deriveSsoKey(fresh), {
      sub: 'x',
      exp: now() + 30,
      jti: 'new-secret',
    });
    await h.agent().get('/whatsapp/sso').query({ token: signedNew }).expect(302);
  });
});

describe('admin security headers (SPEC §7.1)', function () {
  this.timeout(20_000);
  let h: AdminHarness;
  beforeEach(
    async () =>
      (h = await startAdmin({
        env: { PUBLIC_URL: 'http://wa.example.com:8080', HOST_SERVER: 'http://127.0.0.1:5000/' },
      })),
  );
  afterEach(() => h.close());

  it('gives each page its own nonce, and every script on it carries that nonce', async () => {
    const agent = h.agent();
    await signIn(agent);
    const nonces = new Set<string>();
    for (const path of [
      '/whatsapp/login',
      '/whatsapp',
      '/whatsapp/pairing',
      '/whatsapp/settings',
      '/whatsapp/recipients',
      '/whatsapp/compose',
      '/whatsapp/activity',
      '/whatsapp/stats',
    ]) {
      const response = await agent.get(path).set('Accept', 'text/html');
      expect(response.status, path).to.be.oneOf([200, 302]);
      if (response.status !== 200) continue;
      const policy = response.headers['content-security-policy'] as string;
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
      expect(nonce, path).to.be.a('string');
      nonces.add(nonce!);
      const scripts = response.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).to.be.greaterThan(0);
      for (const tag of scripts) expect(tag, path).to.include(`nonce="${nonce}"`);
      expect(response.text, path).to.not.match(/\son[a-z]+=/i);
      expect(response.text, path).to.not.match(/\sstyle=/i);
      expect(policy)
        .to.include("default-src 'none'")
        .and.include("style-src 'self'")
        .and.include("form-action 'self'");
      expect(policy).to.include('frame-ancestors http://wa.example.com:8080 http://127.0.0.1:5000');
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
      expect(response.headers['referrer-policy']).to.equal('same-origin');
      expect(response.headers['cache-control']).to.equal('no-store');
    }
    expect(nonces.size).to.equal(7);
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await startAdmin({ env: { PUBLIC_URL: 'https://wa.example.com' } });
    const response = await secure.agent().get('/whatsapp/csrf-token');
    await secure.close();
    const cookies = response.headers['set-cookie'] as unknown as string[];
    expect(cookies.some((c) => /^oaw\.sid=.*;.*secure/i.test(c))).to.equal(true);
  });

  it('serves the stylesheet and script with a long cache, and the script is plain JavaScript', async () => {
    const page = await h.agent().get('/whatsapp/login');
    const css = /href="(\/whatsapp\/static\/admin\.css\?v=[0-9a-f]{12})"/.exec(page.text)![1]!;
    const js = /src="(\/whatsapp\/static\/admin\.js\?v=[0-9a-f]{12})"/.exec(page.text)![1]!;
    const style = await h.agent().get(css).expect(200);
    expect(style.headers['content-type']).to.match(/^text\/css/);
    expect(style.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    const script = await h
      .agent()
      .get(js)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(script.headers['content-type']).to.match(/^text\/javascript/);
    // Type syntax would be a SyntaxError here: the file must stay browser-runnable as served.
    expect(() => new Script(script.body as string)).to.not.throw();
    expect(
      (await h.agent().get('/whatsapp/static/nope.js').set('Accept', 'application/json')).status,
    ).to.equal(404);
  });
});
