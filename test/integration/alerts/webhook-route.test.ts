import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { validateOrderEvent } from '../../../src/http/schemas/order-event.ts';
import { renderAlert } from '../../../src/presenters/alerts/index.ts';
import { TEST_SECRETS } from '../../support/config.ts';
import { buildOrderEvent, newWebhookId } from '../../support/host-sim/index.ts';
import { createHarness, type Harness } from './support/harness.ts';

const INVALID_SIGNATURE = {
  status: 'error',
  message: 'Invalid webhook signature',
  code: 'invalid_signature',
};
const OTHER_SECRET = 'whsec_QmFkU2VjcmV0Rm9yVGVzdHNPbmx5MDEyMzQ1Njc4OQ==';
const nowSec = () => Math.floor(Date.now() / 1000);

/** Posts `body` with explicit headers (for cases the sender cannot produce). */
async function postRaw(h: Harness, body: string, headers: Record<string, string>) {
  const response = await fetch(`${h.url}/webhooks/openalgo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    headers: response.headers,
  };
}

describe('POST /webhooks/openalgo', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('answers 202 with the webhook id after writing the ledger row and the alert row', async () => {
    const event = buildOrderEvent('order.placed');
    const sent = await h.sender.send(event);
    expect(sent.status).to.equal(202);
    expect(sent.body).to.deep.equal({ status: 'accepted', id: sent.webhookId });
    const [ledger] = await h.ledger();
    expect(ledger).to.include({
      webhookId: sent.webhookId,
      topic: 'order.placed',
      outcome: 'queued',
      alertCount: 1,
    });
    const rows = await h.outbox();
    expect(rows).to.have.length(1);
    const validated = validateOrderEvent(event);
    if (!validated.ok) throw new Error(validated.error);
    expect(rows[0]).to.include({
      recipientJid: 'self',
      kind: 'alert',
      status: 'queued',
      topic: 'order.placed',
      message: renderAlert(validated.event, { timeZone: 'Asia/Kolkata' }),
    });
    expect(rows[0]!.eventAt?.toISOString()).to.equal(event.timestamp);
  });

  it('rejects a signature made with another secret, echoing nothing and writing nothing', async () => {
    const sent = await h.sender.send(buildOrderEvent('order.placed'), {
      signWithSecret: OTHER_SECRET,
    });
    expect(sent.status).to.equal(401);
    expect(sent.body).to.deep.equal(INVALID_SIGNATURE);
    expect(await h.ledger()).to.have.length(0);
    expect(await h.outbox()).to.have.length(0);
  });

  it('rejects missing signature headers', async () => {
    const body = JSON.stringify(buildOrderEvent('order.placed'));
    const response = await postRaw(h, body, { 'webhook-id': newWebhookId() });
    expect(response.status).to.equal(401);
    expect(response.body).to.deep.equal(INVALID_SIGNATURE);
  });

  it('rejects a body changed after signing', async () => {
    const event = buildOrderEvent('order.placed');
    const id = newWebhookId();
    const ts = nowSec();
    const signature = new Webhook(TEST_SECRETS.WEBHOOK_SECRET).sign(
      id,
      new Date(ts * 1000),
      JSON.stringify(event),
    );
    const tampered = JSON.stringify({ ...event, data: { ...event.data, username: 'mallory' } });
    const response = await postRaw(h, tampered, {
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': signature,
    });
    expect(response.status).to.equal(401);
    expect(response.body).to.deep.equal(INVALID_SIGNATURE);
  });

  it('accepts timestamps within ±300 s and rejects stale or future ones beyond', async () => {
    const event = buildOrderEvent('order.placed');
    expect((await h.sender.send(event, { timestampSec: nowSec() - 290 })).status).to.equal(202);
    expect((await h.sender.send(event, { timestampSec: nowSec() + 290 })).status).to.equal(202);
    const stale = await h.sender.send(event, { timestampSec: nowSec() - 310 });
    expect(stale.status).to.equal(401);
    expect(stale.body).to.deep.equal(INVALID_SIGNATURE);
    expect((await h.sender.send(event, { timestampSec: nowSec() + 310 })).status).to.equal(401);
    expect(await h.ledger()).to.have.length(2);
  });

  it('accepts a rotated secret: any one of the listed signatures may match', async () => {
    const sent = await h.sender.send(buildOrderEvent('order.placed'), {
      signWithSecret: OTHER_SECRET,
      extraSignatures: [TEST_SECRETS.WEBHOOK_SECRET],
    });
    expect(sent.status).to.equal(202);
    const onlyOld = await h.sender.send(buildOrderEvent('order.placed'), {
      signWithSecret: OTHER_SECRET,
      extraSignatures: ['v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    });
    expect(onlyOld.status).to.equal(401);
  });

  it('answers a replayed webhook id with the same 202, one row and one send', async () => {
    const event = buildOrderEvent('order.placed');
    const first = await h.sender.send(event);
    const again = await h.sender.send(event, { webhookId: first.webhookId });
    expect(again.status).to.equal(202);
    expect(again.body).to.deep.equal(first.body);
    expect(await h.ledger()).to.have.length(1);
    expect(await h.outbox()).to.have.length(1);
    await h.service.drainOnce();
    await h.sender.send(event, { webhookId: first.webhookId });
    await h.service.drainOnce();
    expect(h.transport.sent).to.have.length(1);
  });

  it('answers 400 invalid_json for a signed body that is not JSON', async () => {
    const sent = await h.sender.send(buildOrderEvent('order.placed'), {
      rawBody: '{"type": "order.placed",',
    });
    expect(sent.status).to.equal(400);
    expect(sent.body).to.deep.equal({
      status: 'error',
      message: 'Request body must be valid JSON',
      code: 'invalid_json',
    });
    expect(await h.ledger()).to.have.length(0);
  });

  it('answers 400 naming the first schema problem as "path: message"', async () => {
    const event = buildOrderEvent('order.placed');
    const { username: _dropped, ...data } = event.data;
    const sent = await h.sender.send({ ...event, data });
    expect(sent.status).to.equal(400);
    expect(sent.body).to.deep.equal({
      status: 'error',
      message: 'data.username: is required',
      code: 'invalid_order_event',
    });
    const notObject = await h.sender.send(event, { rawBody: '[1,2]' });
    expect(notObject.status).to.equal(400);
    expect((notObject.body as { message: string }).message).to.match(/^body: /);
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({
      ...buildOrderEvent('order.placed'),
      pad: 'x'.repeat(1024 * 1024),
    });
    const sent = await h.sender.send(buildOrderEvent('order.placed'), { rawBody: big });
    expect(sent.status).to.equal(413);
    expect((sent.body as { code: string }).code).to.equal('payload_too_large');
  });

  it('answers 503 with Retry-After while starting or stopping, and accepts once ready', async () => {
    for (const phase of ['starting', 'stopping'] as const) {
      h.lifecycle.phase = phase;
      const sent = await h.sender.send(buildOrderEvent('order.placed'));
      expect(sent.status).to.equal(503);
      expect(sent.headers.get('retry-after')).to.match(/^\d+$/);
    }
    expect(await h.ledger()).to.have.length(0);
    h.lifecycle.phase = 'ready';
    expect((await h.sender.send(buildOrderEvent('order.placed'))).status).to.equal(202);
  });

  it('accepts and queues while WhatsApp is down', async () => {
    h.transport.setState('reconnecting');
    await h.service.start();
    const sent = await h.sender.send(buildOrderEvent('order.placed'));
    expect(sent.status).to.equal(202);
    await h.service.idle();
    const rows = await h.outbox();
    expect(rows.map((row) => [row.status, row.attempts])).to.deep.equal([['queued', 0]]);
    expect(h.transport.sent).to.have.length(0);
  });
});
