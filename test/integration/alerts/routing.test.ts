import { expect } from 'chai';
import { WhatsappUser, WhatsappUserPreferences } from '../../../src/db/index.ts';
import { HELD_DIGEST_HEADER } from '../../../src/alerts/outbox-content.ts';
import { renderDelayedPrefix } from '../../../src/presenters/alerts/index.ts';
import {
  buildOrderEvent,
  DEFAULT_EVENT_TIMESTAMP,
  type OrderEventBody,
} from '../../support/host-sim/index.ts';
import { createHarness, type Harness } from './support/harness.ts';

const LINKED_JID = '919811122233@s.whatsapp.net';

async function link(h: Harness, fields: Partial<WhatsappUser> = {}) {
  const em = h.db.em();
  em.create(WhatsappUser, {
    whatsappJid: LINKED_JID,
    phoneNumber: '919811122233',
    openalgoUsername: 'trader2',
    ...fields,
  });
  await em.flush();
}

/** Posts one event and returns the ledger outcome and the alert rows it wrote. */
async function post(h: Harness, event: OrderEventBody) {
  const sent = await h.sender.send(event);
  expect(sent.status).to.equal(202);
  const ledger = (await h.ledger()).find((row) => row.webhookId === sent.webhookId)!;
  const rows = (await h.outbox()).filter((row) => row.idempotencyKey.includes(sent.webhookId));
  return { outcome: ledger.outcome, rows };
}

describe('alert routing at ingest', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it("sends the owner's events to the owner's own chat", async () => {
    const { outcome, rows } = await post(h, buildOrderEvent('order.placed'));
    expect(outcome).to.equal('queued');
    expect(rows.map((row) => row.recipientJid)).to.deep.equal(['self']);
    await h.service.drainOnce();
    expect(h.transport.sent[0]!.to).to.deep.equal({ kind: 'self' });
  });

  it('sends other users’ events to their linked recipient, in its timezone', async () => {
    await link(h);
    const em = h.db.em();
    em.create(WhatsappUserPreferences, { whatsappJid: LINKED_JID, timezone: 'UTC' });
    await em.flush();
    const { outcome, rows } = await post(
      h,
      buildOrderEvent('order.placed', { username: 'trader2' }),
    );
    expect(outcome).to.equal('queued');
    expect(rows.map((row) => row.recipientJid)).to.deep.equal([LINKED_JID]);
    expect(rows[0]!.message).to.include('Time: 04:45:02');
    await h.service.drainOnce();
    expect(h.transport.sent[0]!.to).to.deep.equal({ kind: 'jid', jid: LINKED_JID });
  });

  it('drops events of unknown users and of recipients with notifications off', async () => {
    expect(await post(h, buildOrderEvent('order.placed', { username: 'nobody' }))).to.deep.equal({
      outcome: 'dropped',
      rows: [],
    });
    await link(h, { notificationsEnabled: false });
    const off = await post(h, buildOrderEvent('order.placed', { username: 'trader2' }));
    expect(off).to.deep.equal({ outcome: 'dropped', rows: [] });
  });

  it('records but does not send when the preference for the topic is off', async () => {
    await h.settings.updateOwnerPreferences({ orderNotifications: false });
    expect(await post(h, buildOrderEvent('order.placed'))).to.deep.equal({
      outcome: 'recorded',
      rows: [],
    });
    // order.update is gated by trade_notifications, off by default.
    expect((await post(h, buildOrderEvent('order.update'))).outcome).to.equal('recorded');
    await h.settings.updateOwnerPreferences({ tradeNotifications: true });
    expect((await post(h, buildOrderEvent('order.update'))).outcome).to.equal('queued');
  });

  it('records failure topics, ignores unknown ones, and skips per-leg events', async () => {
    expect(await post(h, buildOrderEvent('order.failed'))).to.deep.equal({
      outcome: 'recorded',
      rows: [],
    });
    const unknown = { ...buildOrderEvent('order.placed'), type: 'order.teleported' };
    expect(await post(h, unknown)).to.deep.equal({ outcome: 'ignored', rows: [] });
    const leg = buildOrderEvent('order.placed', { data: { parent_id: 'BASKET-1' } });
    expect(await post(h, leg)).to.deep.equal({ outcome: 'recorded', rows: [] });
    await h.service.drainOnce();
    expect(h.transport.sent).to.have.length(0);
  });

  it('holds alerts in quiet hours and delivers them as one digest at the end; urgent ones go at once', async () => {
    // 23:00 in Kolkata; quiet from 22:00 to 07:00.
    await h.settings.updateOwnerPreferences({ quietHoursStart: '22:00', quietHoursEnd: '07:00' });
    const at = Date.parse('2025-04-08T17:30:00.000Z');
    h.clock.setNow(at);
    await h.service.start();
    const timestamp = new Date(at).toISOString();
    for (const topic of ['order.placed', 'order.cancelled', 'order.modified'] as const) {
      await post(h, buildOrderEvent(topic, { timestamp }));
    }
    const rejection = buildOrderEvent('order.placed', {
      timestamp,
      data: { response_data: { status: 'error', message: 'RMS: margin exceeded' } },
    });
    await post(h, rejection);
    await h.transport.waitForSent(1);
    await h.service.idle();
    expect(h.transport.sent).to.have.length(1);
    expect(textAt(h, 0)).to.include('Error: RMS: margin exceeded');
    const held = (await h.outbox()).filter((row) => row.status === 'queued');
    const sevenAm = Date.parse('2025-04-09T01:30:00.000Z');
    expect(held.map((row) => row.nextAttemptAt.getTime())).to.deep.equal([
      sevenAm,
      sevenAm,
      sevenAm,
    ]);
    h.clock.setNow(sevenAm);
    await h.transport.waitForSent(2);
    await h.service.idle();
    expect(h.transport.sent).to.have.length(2);
    const digest = textAt(h, 1);
    expect(digest.split('\n').slice(0, 3)).to.deep.equal([HELD_DIGEST_HEADER, '', '*3 alerts*']);
    expect(digest).to.include('*Order Placed*').and.include('*Order Cancelled*');
    expect((await h.outbox()).every((row) => row.status === 'sent')).to.equal(true);
  });

  it('holds alerts while muted and sends them when the mute ends', async () => {
    const start = h.clock.now();
    await h.settings.updateOwnerPreferences({ mutedUntil: new Date(start + 3_600_000) });
    await h.service.start();
    await post(h, buildOrderEvent('order.placed'));
    await h.service.idle();
    expect(h.transport.sent).to.have.length(0);
    h.clock.advance(3_600_000);
    await h.transport.waitForSent(1);
    const delay = h.clock.now() - Date.parse(DEFAULT_EVENT_TIMESTAMP);
    expect(textAt(h, 0).split('\n')[0]).to.equal(renderDelayedPrefix(delay));
    expect(delay).to.be.greaterThan(3_600_000);
  });
});

function textAt(h: Harness, index: number): string {
  const content = h.transport.sent[index]?.content;
  return content?.type === 'text' ? content.text : '';
}
