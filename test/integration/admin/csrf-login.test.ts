import { expect } from 'chai';
import { CSRF_MESSAGE } from '../../../src/admin/guard.ts';
import { SESSION_COOKIE } from '../../../src/admin/session.ts';
import { AdminSession, LoginAttempt } from '../../../src/db/index.ts';
import { adminRoutes } from './routes-list.ts';
import { PASSWORD, signIn, startAdmin, USERNAME, type AdminHarness } from './support.ts';

describe('admin CSRF and login (SPEC §7.1)', function () {
  this.timeout(30_000);
  let h: AdminHarness;
  beforeEach(async () => (h = await startAdmin()));
  afterEach(() => h.close());

  it('refuses every POST without the session token, as JSON and as a form', async () => {
    const agent = h.agent();
    await signIn(agent);
    const posts = adminRoutes(h.admin).filter((r) => r.method === 'POST');
    expect(posts.length).to.be.greaterThan(12);
    for (const route of posts) {
      const json = await agent.post(route.path).set('Accept', 'application/json').send({});
      expect(json.status, route.path).to.equal(403);
      expect(json.body).to.include({ code: 'csrf_invalid', message: CSRF_MESSAGE });
      const forged = await agent.post(route.path).set('X-CSRF-Token', 'forged').send({});
      expect(forged.status, route.path).to.equal(403);
      const form = await agent.post(route.path).type('form').send({ _csrf: 'forged' });
      expect(form.status, route.path).to.equal(403);
    }
    expect(h.transport.state()).to.equal('open');
    expect(h.transport.identity()).to.not.equal(null);
  });

  it("accepts the token as X-CSRF-Token, OpenAlgo's X-CSRFToken, or the form's _csrf", async () => {
    const agent = h.agent();
    const csrf = await signIn(agent);
    await agent.post('/whatsapp/bot/stop').set('X-CSRF-Token', csrf).send({}).expect(200);
    await agent.post('/whatsapp/bot/start').set('X-CSRFToken', csrf).send({}).expect(200);
    const form = await agent.post('/whatsapp/bot/stop').type('form').send({ _csrf: csrf });
    expect(form.status).to.equal(302);
    expect(form.headers.location).to.equal('/whatsapp');
    expect(h.transport.state()).to.equal('stopped');
  });

  it('does not accept a token from another session', async () => {
    const mine = h.agent();
    const theirs = h.agent();
    await signIn(mine);
    const otherToken = await signIn(theirs);
    const response = await mine.post('/whatsapp/unlink').set('X-CSRF-Token', otherToken).send({});
    expect(response.status).to.equal(403);
    expect(h.transport.identity()).to.not.equal(null);
  });

  it('rotates the session id at sign-in and sets a HttpOnly, SameSite=Lax cookie', async () => {
    const agent = h.agent();
    const first = await agent.get('/whatsapp/csrf-token');
    const before = first.headers['set-cookie'] as unknown as string[];
    const anonymousSid = before.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];
    // The id and its signature, as a thief who fixed or stole the pre-login cookie would hold them.
    const anonymousCookies = before.map((c) => c.split(';')[0]).join('; ');
    const token = first.body.csrf_token as string;
    const login = await agent
      .post('/whatsapp/login')
      .set('X-CSRF-Token', token)
      .send({ username: USERNAME, password: PASSWORD })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`${SESSION_COOKIE}=`),
    )!;
    expect(cookie.split(';')[0]).to.not.equal(anonymousSid);
    expect(cookie.toLowerCase()).to.include('httponly').and.include('samesite=lax');
    expect(cookie.toLowerCase()).to.not.include('secure');
    expect(await h.app.db.em().count(AdminSession, {})).to.equal(1);
    const replay = h
      .agent()
      .get('/whatsapp/config')
      .set('Cookie', anonymousCookies)
      .set('Accept', 'application/json');
    expect((await replay).status).to.equal(401);
  });

  it('signs in with the form and goes to the page asked for', async () => {
    const agent = h.agent();
    const page = await agent.get('/whatsapp/login?next=%2Fwhatsapp%2Fsettings').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const response = await agent
      .post('/whatsapp/login')
      .type('form')
      .send({ _csrf: csrf, username: USERNAME, password: PASSWORD, next: '/whatsapp/settings' });
    expect(response.status).to.equal(302);
    expect(response.headers.location).to.equal('/whatsapp/settings');
    await agent.get('/whatsapp/settings').expect(200);
  });

  it('never redirects off-site after sign-in', async () => {
    const agent = h.agent();
    const token = (await agent.get('/whatsapp/csrf-token')).body.csrf_token as string;
    const response = await agent.post('/whatsapp/login').type('form').send({
      _csrf: token,
      username: USERNAME,
      password: PASSWORD,
      next: '//evil.example/whatsapp',
    });
    expect(response.headers.location).to.equal('/whatsapp');
  });

  it('locks out after 5 failures in 15 minutes, per user and per IP, with a 429 in words', async () => {
    const agent = h.agent();
    const token = (await agent.get('/whatsapp/csrf-token')).body.csrf_token as string;
    const attempt = (username: string, password: string) =>
      agent.post('/whatsapp/login').set('X-CSRF-Token', token).send({ username, password });
    for (let i = 0; i < 5; i += 1) {
      const failed = await attempt(USERNAME, 'wrong password!');
      expect(failed.status).to.equal(401);
      expect(failed.body.message).to.equal('Invalid username or password');
    }
    const locked = await attempt(USERNAME, PASSWORD);
    expect(locked.status).to.equal(429);
    expect(locked.body.message).to.match(
      /^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/,
    );
    expect(Number(locked.headers['retry-after'])).to.be.within(800, 900);
    // The IP is locked too: another username from the same address is refused before checking.
    expect((await attempt('someone-else', 'whatever')).status).to.equal(429);
    // Once the failures age out, the right password works again.
    await h.app.db
      .em()
      .nativeUpdate(LoginAttempt, {}, { attemptedAt: new Date(Date.now() - 16 * 60_000) });
    expect((await attempt(USERNAME, PASSWORD)).status).to.equal(200);
  });

  it('shows the lockout on the login form too', async () => {
    const agent = h.agent();
    const page = await agent.get('/whatsapp/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    for (let i = 0; i < 6; i += 1) {
      const response = await agent
        .post('/whatsapp/login')
        .type('form')
        .send({ _csrf: csrf, username: USERNAME, password: 'nope nope nope' });
      expect(response.status).to.equal(i < 5 ? 401 : 429);
      expect(response.text).to.include(
        i < 5 ? 'Invalid username or password' : 'Too many failed sign-in attempts',
      );
    }
  });

  it('logs out: the session row is gone and the cookie no longer works', async () => {
    const agent = h.agent();
    const csrf = await signIn(agent);
    await agent.post('/whatsapp/logout').set('X-CSRF-Token', csrf).send({}).expect(200);
    expect(await h.app.db.em().count(AdminSession, {})).to.equal(0);
    expect((await agent.get('/whatsapp/config').set('Accept', 'application/json')).status).to.equal(
      401,
    );
  });
});

describe('first-run setup link (SPEC §1, §7.1)', function () {
  this.timeout(30_000);
  let h: AdminHarness;
  beforeEach(async () => (h = await startAdmin({ withAccount: false })));
  afterEach(() => h.close());

  it('creates the account once, signs in, then is spent', async () => {
    const link = await h.admin.createSetupLink();
    expect(link).to.match(/^http:\/\/127\.0\.0\.1:5055\/whatsapp\/setup\?token=[A-Za-z0-9_-]{32}$/);
    const path = new URL(link!).pathname + new URL(link!).search;
    const agent = h.agent();
    const page = await agent.get(path).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const token = new URL(link!).searchParams.get('token')!;
    const created = await agent.post('/whatsapp/setup').type('form').send({
      _csrf: csrf,
      token,
      username: 'owner',
      password: 'a long password 1',
      confirm: 'a long password 1',
    });
    expect(created.status).to.equal(302);
    expect(created.headers.location).to.equal('/whatsapp');
    await agent.get('/whatsapp/config').expect(200);
    expect(await h.admin.createSetupLink()).to.equal(null);
    const again = await h.agent().get(path);
    expect(again.status).to.equal(410);
    expect(again.text).to.include('expired or was already used');
  });

  it('refuses a wrong token and a weak password in words', async () => {
    await h.admin.createSetupLink();
    const agent = h.agent();
    const csrf = (await agent.get('/whatsapp/csrf-token')).body.csrf_token as string;
    const wrong = await agent
      .post('/whatsapp/setup')
      .set('X-CSRF-Token', csrf)
      .send({ token: 'not-the-token', username: 'owner', password: 'a long password 1' });
    expect(wrong.status).to.equal(410);
    const link = await h.admin.createSetupLink();
    const weak = await agent
      .post('/whatsapp/setup')
      .set('X-CSRF-Token', csrf)
      .send({
        token: new URL(link!).searchParams.get('token'),
        username: 'owner',
        password: 'short',
      });
    expect(weak.status).to.equal(400);
    expect(weak.body.message).to.equal('Password must be at least 10 characters long.');
  });
});
