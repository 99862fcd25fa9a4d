import { expect } from 'chai';
import { AdminSession } from '../../../src/db/index.ts';
import { SESSION_EXPIRED_MESSAGE } from '../../../src/admin/guard.ts';
import { adminRoutes, PUBLIC_PATHS } from './routes-list.ts';
import { signIn, startAdmin, type AdminHarness } from './support.ts';

const EXPIRED = {
  status: 'error',
  error: 'session_expired',
  message: SESSION_EXPIRED_MESSAGE,
};

describe('admin access control (SPEC §7.1, §10)', function () {
  this.timeout(20_000);
  let h: AdminHarness;
  beforeEach(async () => (h = await startAdmin()));
  afterEach(() => h.close());

  it('has a route list that covers the pages and JSON routes of §7.2/§7.3', () => {
    const templates = new Set(adminRoutes(h.admin).map((r) => `${r.method} ${r.template}`));
    for (const expected of [
      'GET /whatsapp',
      'GET /whatsapp/config',
      'POST /whatsapp/config',
      'POST /whatsapp/pair',
      'GET /whatsapp/pair/status',
      'POST /whatsapp/unlink',
      'POST /whatsapp/bot/start',
      'POST /whatsapp/bot/stop',
      'GET /whatsapp/bot/status',
      'GET /whatsapp/users',
      'POST /whatsapp/user/:jid/unlink',
      'POST /whatsapp/broadcast',
      'POST /whatsapp/send',
      'POST /whatsapp/test-message',
      'GET /whatsapp/stats',
      'GET /whatsapp/events',
    ]) {
      expect(templates, expected).to.include(expected);
    }
  });

  it('answers every protected route with the 401 envelope for JSON clients', async () => {
    const routes = adminRoutes(h.admin).filter((r) => !PUBLIC_PATHS.includes(r.template));
    expect(routes.length).to.be.greaterThan(20);
    for (const route of routes) {
      const request =
        route.method === 'GET' ? h.agent().get(route.path) : h.agent().post(route.path);
      const response = await request.set('Accept', 'application/json').send({});
      expect(response.status, `${route.method} ${route.path}`).to.equal(401);
      expect(response.body, `${route.method} ${route.path}`).to.include(EXPIRED);
    }
  });

  it('redirects every protected page request to the login page, coming back after', async () => {
    const routes = adminRoutes(h.admin).filter((r) => !PUBLIC_PATHS.includes(r.template));
    for (const route of routes.filter(
      (r) => r.method === 'GET' && r.template !== '/whatsapp/events',
    )) {
      const response = await h.agent().get(route.path).set('Accept', 'text/html');
      expect(response.status, route.path).to.equal(302);
      expect(response.headers.location).to.equal(
        `/whatsapp/login?next=${encodeURIComponent(route.path)}`,
      );
    }
    const form = await h.agent().post('/whatsapp/unlink').type('form').send({ _csrf: 'x' });
    expect(form.status).to.equal(302);
    expect(form.headers.location).to.match(/^\/whatsapp\/login/);
    expect(h.transport.identity()).to.not.equal(null);
  });

  it('treats X-Requested-With and JSON bodies as AJAX too', async () => {
    const xhr = await h.agent().get('/whatsapp/config').set('X-Requested-With', 'XMLHttpRequest');
    expect(xhr.status).to.equal(401);
    const json = await h
      .agent()
      .post('/whatsapp/pair')
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(json.status).to.equal(401);
    expect(json.body.error).to.equal('session_expired');
  });

  it('lets the owner API key (notify) open no admin route', async () => {
    await h.app.settings.setOwnerApiKey('owner-notify-key-123');
    for (const route of adminRoutes(h.admin).filter((r) => !PUBLIC_PATHS.includes(r.template))) {
      const base = route.method === 'GET' ? h.agent().get(route.path) : h.agent().post(route.path);
      const response = await base
        .query({ apikey: 'owner-notify-key-123' })
        .set('X-API-KEY', 'owner-notify-key-123')
        .set('Authorization', 'Bearer owner-notify-key-123')
        .set('Accept', 'application/json')
        .send({ apikey: 'owner-notify-key-123' });
      expect(response.status, `${route.method} ${route.path}`).to.equal(401);
    }
  });

  it('refuses the event stream to anonymous clients and serves it to a session', async () => {
    const anonymous = await h.agent().get('/whatsapp/events').set('Accept', 'text/event-stream');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers['content-type']).to.match(/json/);

    const agent = h.agent();
    await signIn(agent);
    const received = await new Promise<string>((resolve, reject) => {
      let text = '';
      agent
        .get('/whatsapp/events')
        .set('Accept', 'text/event-stream')
        .buffer(false)
        .parse((res, done) => {
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('event: whatsapp_status')) {
              resolve(text);
              (res as unknown as { destroy(): void }).destroy();
            }
          });
          res.on('error', () => done(null, text));
        })
        .catch((error: unknown) => {
          if (!text.includes('whatsapp_status')) reject(new Error(String(error)));
        });
    });
    expect(received).to.match(
      /event: whatsapp_status\ndata: \{"is_running":true,"is_paired":true,"state":"open"/,
    );
  });

  it('expires an idle session: JSON gets the 401 envelope, a page goes to the login form', async () => {
    const agent = h.agent();
    await signIn(agent);
    await agent.get('/whatsapp/config').expect(200);
    await h.app.db.em().nativeUpdate(AdminSession, {}, { expiresAt: new Date(Date.now() - 1000) });
    const json = await agent.get('/whatsapp/config').set('Accept', 'application/json');
    expect(json.status).to.equal(401);
    expect(json.body).to.include(EXPIRED);
    const page = await agent.get('/whatsapp/settings').set('Accept', 'text/html');
    expect(page.status).to.equal(302);
    expect(page.headers.location).to.equal('/whatsapp/login?next=%2Fwhatsapp%2Fsettings');
  });

  it('extends the session on use (rolling 12 h expiry)', async () => {
    const agent = h.agent();
    await signIn(agent);
    await h.app.db
      .em()
      .nativeUpdate(AdminSession, {}, { expiresAt: new Date(Date.now() + 60_000) });
    await agent.get('/whatsapp/config').expect(200);
    const [row] = await h.app.db.em().find(AdminSession, {});
    expect(row!.expiresAt.getTime()).to.be.greaterThan(Date.now() + 11 * 3600 * 1000);
  });
});
