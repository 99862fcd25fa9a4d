import { expect } from 'chai';
import { OutboxMessage } from '../../../src/db/index.ts';
import { buildOrderEvent, DEFAULT_EVENT_TIMESTAMP } from '../../support/host-sim/index.ts';
import { createHarness, START_TIME, type Harness } from './support/harness.ts';

const textOf = (h: Harness, index: number) => {
  const content = h.transport.sent[index]?.content;
  return content?.type === 'text' ? content.text : '';
};

describe('outbox drainer', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('sends alerts queued while WhatsApp was down once it opens, each once, late ones marked', async () => {
    h = await createHarness({ transportState: 'reconnecting' });
    await h.service.start();
    for (let i = 0; i < 3; i += 1) {
      expect((await h.sender.send(buildOrderEvent('order.placed'))).status).to.equal(202);
    }
    await h.service.idle();
    expect(h.transport.sent).to.have.length(0);
    h.clock.advance(4 * 60_000 + 12_000);
    h.transport.setState('open');
    await h.transport.waitForSent(3);
    await h.service.idle();
    expect(h.transport.sent.map((_, i) => textOf(h, i).split('\n')[0])).to.deep.equal([
      '_Delayed by 4m12s_',
      '_Delayed by 4m12s_',
      '_Delayed by 4m12s_',
    ]);
    expect(textOf(h, 0).split('\n')[1]).to.equal('*Order Placed*');
    expect(h.transport.sent.every((s) => s.to.kind === 'self')).to.equal(true);
    const rows = await h.outbox();
    expect(rows.map((row) => row.status)).to.deep.equal(['sent', 'sent', 'sent']);
    expect(rows.map((row) => row.waMessageId)).to.deep.equal(
      h.transport.sent.map((s) => s.receipt.messageId),
    );
    expect(rows.every((row) => row.attempts === 1)).to.equal(true);
    await h.service.drainOnce();
    h.transport.setState('connecting');
    h.transport.setState('open');
    await h.service.idle();
    expect(h.transport.sent).to.have.length(3);
  });

  it('sends a fresh alert without the delay line', async () => {
    h = await createHarness();
    await h.service.start();
    await h.sender.send(buildOrderEvent('order.placed'));
    await h.transport.waitForSent(1);
    expect(textOf(h, 0).startsWith('*Order Placed*')).to.equal(true);
  });

  it('folds alerts older than the TTL into one digest on reconnect', async () => {
    h = await createHarness({ transportState: 'connecting', env: { ALERT_TTL_SECONDS: '600' } });
    await h.service.start();
    const base = Date.parse(DEFAULT_EVENT_TIMESTAMP);
    const topics = ['order.placed', 'order.cancelled', 'order.modified'] as const;
    for (const [i, topic] of topics.entries()) {
      const timestamp = new Date(base + i * 1000).toISOString();
      await h.sender.send(buildOrderEvent(topic, { timestamp }));
    }
    await h.service.idle();
    h.clock.advance(601_000 + 2_000);
    h.transport.setState('open');
    await h.transport.waitForSent(1);
    await h.service.idle();
    expect(h.transport.sent).to.have.length(1);
    expect(textOf(h, 0)).to.equal(
      [
        'While disconnected you missed 3 alerts:',
        '- 10:15:04 Order Modified',
        '- 10:15:03 Order Cancelled',
        '- 10:15:02 Order Placed',
      ].join('\n'),
    );
    const rows = await h.outbox();
    const digest = rows.find((row) => row.kind === 'digest')!;
    expect(digest).to.include({ status: 'sent', topic: 'digest.missed', recipientJid: 'self' });
    const alerts = rows.filter((row) => row.kind === 'alert');
    expect(alerts.map((row) => [row.status, row.coalescedInto])).to.deep.equal([
      ['expired', digest.id],
      ['expired', digest.id],
      ['expired', digest.id],
    ]);
  });

  it('coalesces a burst of 50 into 5 single alerts and 3 messages, every row ending sent', async () => {
    h = await createHarness();
    await h.service.start();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => h.sender.send(buildOrderEvent('order.placed'))),
    );
    expect(answers.every((answer) => answer.status === 202)).to.equal(true);
    await h.service.idle();
    expect(h.transport.sent).to.have.length(5);
    h.clock.advance(10_000);
    await h.transport.waitForSent(8);
    await h.service.idle();
    expect(h.transport.sent).to.have.length(8);
    const carriers = h.transport.sent.slice(5).map((_, i) => textOf(h, i + 5));
    const listed = carriers.map((text) => Number(/^\*(\d+) alerts\*/.exec(text)?.[1]));
    expect(listed).to.deep.equal([15, 15, 15]);
    const rows = await h.outbox();
    const alerts = rows.filter((row) => row.kind === 'alert');
    expect(alerts).to.have.length(50);
    expect(alerts.every((row) => row.status === 'sent')).to.equal(true);
    const digests = rows.filter((row) => row.kind === 'digest');
    expect(digests.map((row) => row.topic)).to.deep.equal(Array(3).fill('digest.burst'));
    for (const digest of digests) {
      const members = alerts.filter((row) => row.coalescedInto === digest.id);
      expect(members).to.have.length(15);
      expect(members.every((row) => row.waMessageId === digest.waMessageId)).to.equal(true);
    }
    expect(alerts.filter((row) => row.coalescedInto === null)).to.have.length(5);
  });

  it('retries failed sends with capped exponential backoff, then sends once', async () => {
    h = await createHarness();
    h.transport.failNextSends(2);
    await h.sender.send(buildOrderEvent('order.placed'));
    const first = await h.service.drainOnce();
    expect(first).to.include({ sent: 0, retried: 1 });
    let [row] = await h.outbox();
    expect(row).to.include({ status: 'queued', attempts: 1, errorMessage: 'fake send failure' });
    expect(row!.nextAttemptAt.getTime() - START_TIME).to.equal(1000);
    expect(await h.service.drainOnce()).to.include({ sent: 0, retried: 0 });
    h.clock.advance(1000);
    await h.service.drainOnce();
    [row] = await h.outbox();
    expect(row!.nextAttemptAt.getTime() - START_TIME - 1000).to.equal(2000);
    h.clock.advance(2000);
    expect(await h.service.drainOnce()).to.include({ sent: 1 });
    [row] = await h.outbox();
    expect(row).to.include({ status: 'sent', attempts: 3 });
    expect(h.transport.sent).to.have.length(1);
  });

  it('gives the attempt back when the link drops at send time', async () => {
    h = await createHarness();
    await h.sender.send(buildOrderEvent('order.placed'));
    const original = h.transport.send.bind(h.transport);
    h.transport.send = (to, content) => {
      h.transport.setState('reconnecting');
      return original(to, content);
    };
    const report = await h.service.drainOnce();
    expect(report).to.include({ sent: 0, linkDown: true });
    const [row] = await h.outbox();
    expect(row).to.include({ status: 'queued', attempts: 0 });
  });

  it('after a restart reconciles rows left in sending and sends nothing twice', async () => {
    h = await createHarness();
    await h.service.start();
    await h.sender.send(buildOrderEvent('order.placed'));
    await h.sender.send(buildOrderEvent('order.cancelled'));
    await h.sender.send(buildOrderEvent('order.modified'));
    await h.transport.waitForSent(3);
    await h.service.stop();
    const em = h.db.em();
    const [accepted, interrupted] = await em.find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    // As a crash would leave them: one accepted by WhatsApp (id stored) but not marked, one
    // claimed with its fate unknown.
    await em.nativeUpdate(OutboxMessage, { id: accepted!.id }, { status: 'sending', sentAt: null });
    await em.nativeUpdate(
      OutboxMessage,
      { id: interrupted!.id },
      { status: 'sending', waMessageId: null, sentAt: null },
    );
    const before = h.transport.sent.length;
    const service = await h.restart();
    const report = await service.start();
    expect(report).to.deep.equal({ markedSent: 1, listedInDigest: 1, failed: 0 });
    await h.transport.waitForSent(before + 1);
    await service.idle();
    expect(h.transport.sent).to.have.length(before + 1);
    expect(textOf(h, before)).to.match(
      /^While disconnected you missed 1 alert:\n- 10:15:02 Order Cancelled$/,
    );
    const rows = await h.outbox();
    expect(rows.map((row) => row.status)).to.deep.equal(['sent', 'expired', 'sent', 'sent']);
    expect(rows[0]!.waMessageId).to.equal(h.transport.sent[0]!.receipt.messageId);
  });

  it('moves the metrics: webhook outcomes, queue depth, oldest age and delivery latency', async () => {
    h = await createHarness({ transportState: 'connecting' });
    await h.service.start();
    await h.sender.send(buildOrderEvent('order.placed'));
    await h.sender.send(buildOrderEvent('order.failed'));
    await h.sender.send(buildOrderEvent('order.placed'), {
      signWithSecret: 'whsec_QmFkU2VjcmV0Rm9yVGVzdHNPbmx5MDEyMzQ1Njc4OQ==',
    });
    h.clock.advance(30_000);
    let text = await h.registry.metrics();
    expect(text).to.include('oaw_webhook_events_total{outcome="queued"} 1');
    expect(text).to.include('oaw_webhook_events_total{outcome="recorded"} 1');
    expect(text).to.include('oaw_webhook_events_total{outcome="invalid_signature"} 1');
    expect(text).to.include('oaw_outbox_queue_depth{status="queued"} 1');
    expect(text).to.include('oaw_outbox_oldest_queued_age_seconds 30');
    h.transport.setState('open');
    await h.transport.waitForSent(1);
    await h.service.idle();
    text = await h.registry.metrics();
    expect(text).to.include('oaw_outbox_queue_depth{status="queued"} 0');
    expect(text).to.include('oaw_outbox_queue_depth{status="sent"} 1');
    expect(text).to.include('oaw_outbox_oldest_queued_age_seconds 0');
    expect(text).to.include('oaw_alert_delivery_latency_seconds_count 1');
    expect(text).to.include('oaw_alert_delivery_latency_seconds_sum 30.5');
  });

  it('does not count alerts held on purpose as backlog in the oldest-age gauge', async () => {
    h = await createHarness();
    await h.settings.updateOwnerPreferences({ mutedUntil: new Date(START_TIME + 3_600_000) });
    await h.sender.send(buildOrderEvent('order.placed'));
    h.clock.advance(30_000);
    const text = await h.registry.metrics();
    expect(text).to.include('oaw_outbox_queue_depth{status="queued"} 1');
    expect(text).to.include('oaw_outbox_oldest_queued_age_seconds 0');
  });
});
