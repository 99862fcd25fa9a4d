import Router from '@koa/router';
import { expect } from 'chai';
import { Writable } from 'node:stream';
import request from 'supertest';
import { RateLimitError, ValidationError } from '../../../src/errors.ts';
import { parseJsonBody } from '../../../src/http/middleware/body.ts';
import { createHttpApp } from '../../../src/http/server.ts';
import { createRootLogger } from '../../../src/logger.ts';

/** A logger whose lines are kept in memory, to check what reaches the log. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createRootLogger({ level: 'info', format: 'json', destination }), lines };
}

function buildApp() {
  const { logger, lines } = capturingLogger();
  const router = new Router();
  router.get('/boom', () => {
    throw new Error('secret internals at /srv/app/src/db.ts:42');
  });
  router.get('/invalid', () => {
    throw new ValidationError('symbol: must be string');
  });
  router.get('/limited', () => {
    throw new RateLimitError(12.2);
  });
  router.post('/echo', (ctx) => {
    ctx.body = { received: parseJsonBody(ctx) };
  });
  const app = createHttpApp({ logger, routers: [router] });
  return { server: app.callback(), lines };
}

describe('http error handling', () => {
  it('renders unknown routes as a 404 JSON envelope with a request id', async () => {
    const { server } = buildApp();
    const res = await request(server).get('/nope').expect(404);
    expect(res.body).to.deep.equal({ status: 'error', message: 'Not found', code: 'not_found' });
    expect(res.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('echoes a safe incoming X-Request-Id and replaces an unsafe one', async () => {
    const { server } = buildApp();
    const kept = await request(server).get('/nope').set('X-Request-Id', 'host-req-12345');
    expect(kept.headers['x-request-id']).to.equal('host-req-12345');
    const replaced = await request(server).get('/nope').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).to.not.equal('<script>');
  });

  it('hides internals of a 500 from the client but logs them with the request id', async () => {
    const { server, lines } = buildApp();
    const res = await request(server).get('/boom').expect(500);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'Internal server error',
      code: 'internal_error',
      request_id: res.headers['x-request-id'],
    });
    expect(res.text).to.not.include('secret internals');
    expect(res.text).to.not.include('.ts');
    const logged = lines.join('');
    expect(logged).to.include('secret internals');
    expect(logged).to.include(res.headers['x-request-id']);
  });

  it('shows 4xx messages with their stable code', async () => {
    const { server } = buildApp();
    const res = await request(server).get('/invalid').expect(400);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'symbol: must be string',
      code: 'validation_failed',
    });
  });

  it('adds Retry-After and retry_after to rate-limit errors', async () => {
    const { server } = buildApp();
    const res = await request(server).get('/limited').expect(429);
    expect(res.headers['retry-after']).to.equal('13');
    expect(res.body).to.include({ retry_after: 13, code: 'rate_limited' });
  });

  it('answers 413 in the envelope for bodies over 1 MiB', async () => {
    const { server } = buildApp();
    const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
    const res = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'Request body is too large',
      code: 'payload_too_large',
    });
  });

  it('rejects malformed JSON with 400 and non-JSON with 415', async () => {
    const { server } = buildApp();
    const bad = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(bad.body.code).to.equal('invalid_json');
    const text = await request(server)
      .post('/echo')
      .set('Content-Type', 'text/plain')
      .send('hi')
      .expect(415);
    expect(text.body.code).to.equal('unsupported_media_type');
    const ok = await request(server).post('/echo').send({ a: 1 }).expect(200);
    expect(ok.body).to.deep.equal({ received: { a: 1 } });
  });

  it('answers a wrong method on a known path with 405 in the envelope', async () => {
    const { server } = buildApp();
    const res = await request(server).delete('/boom').expect(405);
    expect(res.body).to.include({ status: 'error', code: 'method_not_allowed' });
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
  });
});
