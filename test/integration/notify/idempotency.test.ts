import { expect } from 'chai';
import request from 'supertest';
import { IdempotencyKey, OutboxMessage } from '../../../src/db/index.ts';
import { IDEMPOTENCY_TTL_MS } from '../../../src/notify/idempotency.ts';
import type { OutgoingContent, Recipient, SendReceipt } from '../../../src/whatsapp/transport.ts';
import { NOTIFY, RECIPIENT_KEY, startNotify, type NotifyHarness } from './harness.ts';

describe('POST /api/v1/whatsapp/notify: Idempotency-Key', () => {
  let h: NotifyHarness;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-03-02T09:15:00Z');
    h = await startNotify({ service: { now: () => clock } });
  });
  afterEach(() => h.close());

  const body = { phone: '919812345678', message: 'once' };

  it('replays the first answer for a retry with the same key and sends once', async () => {
    const first = await h.post(body, { 'Idempotency-Key': 'order-42' }).expect(200);
    const retry = await h.post(body, { 'Idempotency-Key': 'order-42' }).expect(200);
    expect(retry.body).to.deep.equal(first.body);
    expect(retry.headers['idempotent-replayed']).to.equal('true');
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    expect(h.transport.sent).to.have.length(1);
  });

  it('replays a queued answer without queueing again', async () => {
    const queued = { ...body, wait_for_delivery: false };
    await h.post(queued, { 'Idempotency-Key': 'q-1' }).expect(202);
    const retry = await h.post(queued, { 'Idempotency-Key': 'q-1' }).expect(202);
    expect(retry.body.queued).to.equal(1);
    expect(await h.db.em().count(OutboxMessage)).to.equal(1);
  });

  it('replays a 502 answer too (the retry must not resend to anyone)', async () => {
    h.transport.failNextSends(1);
    await h.post(body, { 'Idempotency-Key': 'k' }).expect(502);
    const retry = await h.post(body, { 'Idempotency-Key': 'k' }).expect(502);
    expect(retry.body.message).to.equal('Delivered to 0, failed 1');
    expect(h.transport.sent).to.have.length(0);
  });

  it('does not store refused requests: a fixed retry with the same key is sent', async () => {
    await h.post({ phone: '12', message: 'x' }, { 'Idempotency-Key': 'fix-me' }).expect(400);
    h.transport.setState('reconnecting');
    await h.post(body, { 'Idempotency-Key': 'fix-me' }).expect(409);
    h.transport.setState('open');
    await h.post(body, { 'Idempotency-Key': 'fix-me' }).expect(200);
    expect(h.transport.sent).to.have.length(1);
  });

  it('scopes keys to the API key: the same key from another caller is a new request', async () => {
    await h.post(body, { 'Idempotency-Key': 'shared' }).expect(200);
    await request(h.koa.callback())
      .post(NOTIFY)
      .set({ 'X-API-KEY': RECIPIENT_KEY, 'Idempotency-Key': 'shared' })
      .send(body)
      .expect(200);
    expect(h.transport.sent).to.have.length(2);
    const rows = await h.db.em().find(IdempotencyKey, {});
    expect(rows).to.have.length(2);
    for (const row of rows) expect(row.key).not.to.include(RECIPIENT_KEY);
  });

  it('sends again once the stored answer is older than 24 h', async () => {
    await h.post(body, { 'Idempotency-Key': 'daily' }).expect(200);
    clock = new Date(clock.getTime() + IDEMPOTENCY_TTL_MS - 1000);
    await h.post(body, { 'Idempotency-Key': 'daily' }).expect(200);
    expect(h.transport.sent).to.have.length(1);
    clock = new Date(clock.getTime() + 2000);
    await h.post(body, { 'Idempotency-Key': 'daily' }).expect(200);
    expect(h.transport.sent).to.have.length(2);
  });

  it('prunes answers older than 24 h as later keyed requests come in', async () => {
    await h.post(body, { 'Idempotency-Key': 'old' }).expect(200);
    clock = new Date(clock.getTime() + IDEMPOTENCY_TTL_MS + 60_000);
    await h.post(body, { 'Idempotency-Key': 'new' }).expect(200);
    const keys = (await h.db.em().find(IdempotencyKey, {})).map((row) => row.key.split(':').pop());
    expect(keys).to.deep.equal(['new']);
  });

  it('lets one of two concurrent requests with the same key send; the other gets 409 or the replay', async () => {
    const realSend = h.transport.send.bind(h.transport);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inSend = new Promise<void>((resolve) => (entered = resolve));
    h.transport.send = async (to: Recipient, content: OutgoingContent): Promise<SendReceipt> => {
      entered();
      await gate;
      return realSend(to, content);
    };
    const first = h.post(body, { 'Idempotency-Key': 'race' }).then((res) => res);
    await inSend;
    const second = await h.post(body, { 'Idempotency-Key': 'race' });
    expect(second.status).to.equal(409);
    expect(second.body).to.include({
      message: 'Request with this Idempotency-Key is in progress',
      code: 'idempotency_in_progress',
    });
    release();
    expect((await first).status).to.equal(200);
    const replay = await h.post(body, { 'Idempotency-Key': 'race' }).expect(200);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(h.transport.sent).to.have.length(1);
  });

  it('lets the unique key decide when two claims start together', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => h.post(body, { 'Idempotency-Key': 'burst' })),
    );
    const statuses = results.map((res) => res.status);
    expect(
      statuses.every((status) => status === 200 || status === 409),
      String(statuses),
    ).to.equal(true);
    expect(h.transport.sent).to.have.length(1);
  });
});
