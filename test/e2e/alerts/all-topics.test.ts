import { expect } from 'chai';
import type { App } from '../../../src/app.ts';
import { SEND_TOPICS } from '../../../src/alerts/topics.ts';
import { WhatsappUser, WhatsappUserPreferences } from '../../../src/db/index.ts';
import { validateOrderEvent } from '../../../src/http/schemas/order-event.ts';
import { renderAlert } from '../../../src/presenters/alerts/index.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp } from '../../support/e2e-app.ts';
import { buildOrderEvent, createEventSender } from '../../support/host-sim/index.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

/**
 * Every sending topic of SPEC §4.2, live and analyze: host-simulator event → signed webhook →
 * outbox → real Baileys → the phone decrypts exactly the presenter's text. Each (topic, mode) goes
 * to its own linked recipient, so burst coalescing (> 5 alerts in 10 s per chat) does not merge
 * them; `order.update` needs `trade_notifications`, which those recipients have on.
 */
describe('every sending topic in live and analyze mode reaches the phone as the exact text', function () {
  this.timeout(60_000);
  let sim: WaSim;
  let dir: TempDir;
  let app: App;

  before(async () => {
    sim = await startWaSim({ stanzaLog: false });
    dir = makeTempDir();
    app = await startE2eApp(dir.path, sim);
    await pairByQr(app, await sim.createPhone({ phoneNumber: '919876543210' }));
  });
  after(async () => {
    await app.close();
    await sim.close();
    dir.cleanup();
  });

  it('delivers all 32 alerts once each, byte for byte', async () => {
    const server = await app.listen(0);
    const port = (server.address() as { port: number }).port;
    const sender = createEventSender({
      targetUrl: `http://127.0.0.1:${port}/webhooks/openalgo`,
      secret: TEST_SECRETS.WEBHOOK_SECRET,
    });
    const cases: Array<{ phone: SimPhone; text: string }> = [];
    let n = 0;
    for (const topic of SEND_TOPICS) {
      for (const mode of ['live', 'analyze'] as const) {
        const phoneNumber = `9180000${String(n).padStart(5, '0')}`;
        const phone = await sim.createPhone({ phoneNumber });
        const em = app.db.em();
        em.create(WhatsappUser, {
          whatsappJid: phone.pnJid,
          phoneNumber,
          openalgoUsername: `u${n}`,
          isActive: true,
          notificationsEnabled: true,
        });
        await em.flush();
        await app.db
          .em()
          .upsert(WhatsappUserPreferences, { whatsappJid: phone.pnJid, tradeNotifications: true });
        const event = buildOrderEvent(topic, {
          mode,
          username: `u${n}`,
          timestamp: new Date().toISOString(),
        });
        const parsed = validateOrderEvent(event);
        if (!parsed.ok) throw new Error(`${topic}/${mode}: ${parsed.error}`);
        expect((await sender.send(event)).status, `${topic}/${mode}`).to.equal(202);
        cases.push({ phone, text: renderAlert(parsed.event, { timeZone: 'Asia/Kolkata' }) });
        n += 1;
      }
    }
    for (const { phone, text } of cases) {
      await phone.waitForMessage((m) => m.text === text, 20_000);
    }
    await app.alerts.idle();
    for (const { phone, text } of cases) {
      expect(new Set(phone.received.filter((m) => m.text === text).map((m) => m.id)).size).to.equal(
        1,
      );
    }
    expect(cases).to.have.length(SEND_TOPICS.length * 2);
  });
});
