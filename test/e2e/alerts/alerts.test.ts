import { expect } from 'chai';
import type { AlertService } from '../../../src/alerts/service.ts';
import type { App } from '../../../src/app.ts';
import { OutboxMessage } from '../../../src/db/index.ts';
import { validateOrderEvent } from '../../../src/http/schemas/order-event.ts';
import { renderAlert, renderMissedDigest } from '../../../src/presenters/alerts/index.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp, waitForState } from '../../support/e2e-app.ts';
import {
  buildOrderEvent,
  createEventSender,
  type EventSender,
  type OrderEventBody,
} from '../../support/host-sim/index.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

/** The alert the phone should show for `event`, rendered by the presenter in the owner's zone. */
function expectedText(event: OrderEventBody): string {
  const result = validateOrderEvent(event);
  if (!result.ok) throw new Error(result.error);
  return renderAlert(result.event, { timeZone: 'Asia/Kolkata' });
}

describe('order events → outbox → WhatsApp (real Baileys ↔ simulator)', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let dir: TempDir;
  let app: App;
  let phone: SimPhone;
  let service: AlertService;
  let sender: EventSender;

  beforeEach(async () => {
    sim = await startWaSim();
    dir = makeTempDir();
    phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim, {
      link: { backoff: { initialMs: 1_500, maxMs: 2_000, stableMs: 60_000 } },
    });
    await pairByQr(app, phone);
    await app.settings.setOwnerUsername('trader1');
    // The app's own webhook route and outbox, served on a free port.
    service = app.alerts;
    const server = await app.listen(0);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    sender = createEventSender({
      targetUrl: `http://127.0.0.1:${port}/webhooks/openalgo`,
      secret: TEST_SECRETS.WEBHOOK_SECRET,
    });
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    dir.cleanup();
  });

  it('delivers a signed order event to the owner’s own chat, storing the WhatsApp id', async () => {
    const event = buildOrderEvent('order.placed', { timestamp: new Date().toISOString() });
    const sent = await sender.send(event);
    expect(sent.status).to.equal(202);
    const text = expectedText(event);
    const got = await phone.waitForMessage((m) => m.text === text);
    await service.idle();
    const [row] = await app.db.em().find(OutboxMessage, {});
    expect(row).to.include({ status: 'sent', waMessageId: got.id, recipientJid: 'self' });
    // A replay of the same delivery answers the same and sends nothing more.
    expect((await sender.send(event, { webhookId: sent.webhookId })).status).to.equal(202);
    await service.idle();
    expect(phone.received.filter((m) => m.text === text)).to.have.length(1);
  });

  it('queues while the link is down and delivers once after it reconnects', async () => {
    const reconnecting = waitForState(app.whatsapp, 'reconnecting');
    sim.control.disconnect(428);
    await reconnecting;
    const event = buildOrderEvent('order.cancelled', { timestamp: new Date().toISOString() });
    expect((await sender.send(event)).status).to.equal(202);
    const [queued] = await app.db.em().find(OutboxMessage, {});
    expect(queued).to.include({ status: 'queued', attempts: 0 });
    await waitForState(app.whatsapp, 'open');
    const text = expectedText(event);
    const got = await phone.waitForMessage((m) => m.text === text);
    await service.idle();
    const [row] = await app.db.em().find(OutboxMessage, {});
    expect(row).to.include({ status: 'sent', waMessageId: got.id, attempts: 1 });
    expect(phone.received.filter((m) => m.text === text)).to.have.length(1);
  });

  it('folds an alert older than ALERT_TTL_SECONDS into the missed digest instead', async () => {
    const eventAt = new Date(Date.now() - (app.config.alertTtlSeconds + 60) * 1000);
    const event = buildOrderEvent('order.modified', { timestamp: eventAt.toISOString() });
    expect((await sender.send(event)).status).to.equal(202);
    const digest = renderMissedDigest([{ title: 'Order Modified', eventAt }], 1, 'Asia/Kolkata');
    const got = await phone.waitForMessage((m) => m.text === digest);
    await service.idle();
    const rows = await app.db.em().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.kind, row.status])).to.deep.equal([
      ['alert', 'expired'],
      ['digest', 'sent'],
    ]);
    expect(rows[1]!.waMessageId).to.equal(got.id);
    expect(phone.received.some((m) => m.text === expectedText(event))).to.equal(false);
  });
});
