import { expect } from 'chai';
import request from 'supertest';
import { NOTIFY, OWNER_KEY, startNotify, type NotifyHarness } from './harness.ts';

describe('POST /api/v1/whatsapp/notify: rate limits (WHATSAPP_RATE_LIMIT)', () => {
  let h: NotifyHarness;
  afterEach(() => h.close());

  const body = { self: true, message: 'x' };
  const from = (ip: string, key = OWNER_KEY) =>
    request(h.koa.callback())
      .post(NOTIFY)
      .set({ 'X-Forwarded-For': ip, 'X-API-KEY': key })
      .send(body);

  function expect429(res: request.Response) {
    expect(res.status).to.equal(429);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'Rate limit exceeded. Please slow down your requests.',
      code: 'rate_limited',
      retry_after: Number(res.headers['retry-after']),
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).to.be.within(1, 60);
  }

  it('answers 429 with Retry-After once the limit is used up, and sends nothing more', async () => {
    h = await startNotify({ env: { WHATSAPP_RATE_LIMIT: '3 per minute' } });
    for (let i = 0; i < 3; i += 1) await h.post(body).expect(200);
    expect429(await h.post(body));
    expect(h.transport.sent).to.have.length(3);
  });

  it('counts failed authentication per IP, so key guessing is throttled', async () => {
    h = await startNotify({ env: { WHATSAPP_RATE_LIMIT: '3 per minute' }, proxy: true });
    for (let i = 0; i < 3; i += 1) await from('203.0.113.7', `guess-${i}`).expect(401);
    expect429(await from('203.0.113.7', 'guess-4'));
    // Even the right key is refused from that IP until the window passes...
    expect429(await from('203.0.113.7'));
    // ...while another IP is unaffected.
    await from('198.51.100.9').expect(200);
  });

  it('holds one key to the limit across many IPs', async () => {
    h = await startNotify({ env: { WHATSAPP_RATE_LIMIT: '2 per minute' }, proxy: true });
    await from('192.0.2.1').expect(200);
    await from('192.0.2.2').expect(200);
    expect429(await from('192.0.2.3'));
    expect(h.transport.sent).to.have.length(2);
  });

  it('uses the window of the setting (per second)', async () => {
    h = await startNotify({ env: { WHATSAPP_RATE_LIMIT: '1 per second' } });
    await h.post(body).expect(200);
    const res = await h.post(body);
    expect429(res);
    expect(res.headers['retry-after']).to.equal('1');
  });
});
