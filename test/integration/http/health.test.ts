import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { createApp, type App } from '../../../src/app.ts';
import { buildTestConfig, makeTempDir, type TempDir } from '../../support/config.ts';

const manifestOnDisk = JSON.parse(
  readFileSync(new URL('../../../plugin.manifest.json', import.meta.url), 'utf8'),
) as unknown;

describe('health, readiness, metrics and manifest routes (real app, SQLite)', () => {
  let dir: TempDir;
  let app: App;

  beforeEach(async () => {
    dir = makeTempDir();
    app = await createApp(buildTestConfig(dir.path));
  });
  afterEach(async () => {
    await app.close();
    dir.cleanup();
  });

  it('GET /healthz answers {"status":"ok"} with a request id', async () => {
    const res = await request(app.callback()).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
    expect(res.headers['x-request-id']).to.be.a('string');
  });

  it('GET /readyz reports the database and the WhatsApp state, and 503 once the database is gone', async () => {
    const ready = await request(app.callback()).get('/readyz').expect(200);
    expect(ready.body).to.deep.include({ status: 'ok', database: 'ok' });
    expect(ready.body.whatsapp).to.be.a('string');
    await app.db.close();
    const down = await request(app.callback()).get('/readyz').expect(503);
    expect(down.body).to.deep.include({ status: 'error', database: 'down', code: 'not_ready' });
  });

  it('GET /metrics serves Prometheus text to loopback callers', async () => {
    const res = await request(app.callback()).get('/metrics').expect(200);
    expect(res.headers['content-type']).to.match(/^text\/plain/);
    expect(res.text).to.include('oaw_process_resident_memory_bytes');
  });

  it('GET /plugin.manifest.json serves the manifest file', async () => {
    const res = await request(app.callback()).get('/plugin.manifest.json').expect(200);
    expect(res.body).to.deep.equal(manifestOnDisk);
  });

  it('answers unknown routes with the 404 envelope through the full app', async () => {
    const res = await request(app.callback()).post('/no/such/route').send({}).expect(404);
    expect(res.body).to.deep.equal({ status: 'error', message: 'Not found', code: 'not_found' });
  });
});

describe('metrics token', () => {
  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const dir = makeTempDir();
    const app = await createApp(
      buildTestConfig(dir.path, { METRICS_TOKEN: 'metrics-token-0123456789' }),
    );
    try {
      const denied = await request(app.callback()).get('/metrics').expect(401);
      expect(denied.body.status).to.equal('error');
      await request(app.callback())
        .get('/metrics')
        .set('Authorization', 'Bearer wrong-token-0123456789')
        .expect(401);
      await request(app.callback())
        .get('/metrics')
        .set('Authorization', 'Bearer metrics-token-0123456789')
        .expect(200);
    } finally {
      await app.close();
      dir.cleanup();
    }
  });
});
