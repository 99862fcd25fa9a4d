import { expect } from 'chai';
import request from 'supertest';
import { createApp, type App } from '../../../src/app.ts';
import { createRootLogger } from '../../../src/logger.ts';
import { createNotifyService } from '../../../src/notify/index.ts';
import { buildTestConfig, makeTempDir, type TempDir } from '../../support/config.ts';
import { createFakeTransport } from '../../support/fake-transport.ts';
import { NOTIFY, startNotify } from './harness.ts';

const KEY = 'leaked-notify-key-5c4b3a29180716253443';

/** SPEC §7.3 admin JSON routes and pages: a notify key must open none of them (SPEC §10). */
const ADMIN_ROUTES: Array<['get' | 'post', string]> = [
  ['get', '/whatsapp'],
  ['get', '/whatsapp/config'],
  ['post', '/whatsapp/config'],
  ['post', '/whatsapp/pair'],
  ['get', '/whatsapp/pair/status'],
  ['post', '/whatsapp/unlink'],
  ['post', '/whatsapp/bot/start'],
  ['post', '/whatsapp/bot/stop'],
  ['get', '/whatsapp/bot/status'],
  ['get', '/whatsapp/users'],
  ['post', '/whatsapp/user/919812345678@s.whatsapp.net/unlink'],
  ['post', '/whatsapp/broadcast'],
  ['post', '/whatsapp/send'],
  ['post', '/whatsapp/test-message'],
  ['get', '/whatsapp/stats?days=7'],
  ['get', '/whatsapp/events'],
  ['get', '/whatsapp/logs'],
];

/**
 * Refused: a JSON error (401 session expired, 403 CSRF, 404 while the route does not exist yet),
 * or, for a page, a redirect to the login page (SPEC §7.1). Never a 2xx.
 */
function expectRefused(res: request.Response): void {
  if (res.status >= 300 && res.status < 400) {
    expect(res.headers.location).to.match(/\/whatsapp\/login/);
    return;
  }
  expect([401, 403, 404], `${res.status} ${res.text.slice(0, 80)}`).to.include(res.status);
  expect(res.body.status).to.equal('error');
}

describe('the notify API key opens nothing but notify (SPEC §10)', () => {
  let dir: TempDir;
  let app: App;

  beforeEach(async () => {
    dir = makeTempDir();
    app = await createApp(
      buildTestConfig(dir.path, { METRICS_TOKEN: 'metrics-token-0123456789' }),
      {
        transport: createFakeTransport(),
        logger: createRootLogger({ level: 'silent', format: 'json' }),
      },
    );
    await app.settings.setOwnerApiKey(KEY);
  });
  afterEach(async () => {
    await app.close();
    dir.cleanup();
  });

  for (const [method, path] of ADMIN_ROUTES) {
    it(`${method.toUpperCase()} ${path} refuses the key in header, query, body and bearer`, async () => {
      const separator = path.includes('?') ? '&' : '?';
      const attempts = [
        request(app.callback())[method](path).set('X-API-KEY', KEY),
        request(app.callback())[method](`${path}${separator}apikey=${KEY}`),
        request(app.callback())[method](path).set('Authorization', `Bearer ${KEY}`),
        request(app.callback())[method](path).send({ apikey: KEY, phone: '919812345678' }),
      ];
      for (const attempt of attempts) expectRefused(await attempt);
      expect(app.whatsapp.state()).to.equal('open');
    });
  }

  it('refuses the key as the metrics bearer token', async () => {
    await request(app.callback()).get('/metrics').set('Authorization', `Bearer ${KEY}`).expect(401);
  });
});

describe('the notify router', () => {
  it('serves exactly the notify endpoint and its OpenAPI document', async () => {
    const h = await startNotify();
    try {
      const { router } = createNotifyService({
        db: h.db,
        transport: h.transport,
        settings: h.settings,
        config: h.config,
        logger: createRootLogger({ level: 'silent', format: 'json' }),
      });
      const routes = router.stack.map((layer) => `${layer.methods.join(',')} ${layer.path}`);
      expect(routes).to.have.members([`POST ${NOTIFY}`, 'HEAD,GET /api/v1/whatsapp/openapi.json']);
    } finally {
      await h.close();
    }
  });
});
