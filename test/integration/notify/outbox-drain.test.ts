import { expect } from 'chai';
import { Registry } from 'prom-client';
import { createAlertService, type AlertService } from '../../../src/alerts/service.ts';
import { OutboxMessage } from '../../../src/db/index.ts';
import { createLifecycle } from '../../../src/http/lifecycle.ts';
import { createRootLogger } from '../../../src/logger.ts';
import { OWNER_PN } from '../../support/fake-transport.ts';
import { startNotify, type NotifyHarness } from './harness.ts';

/**
 * `wait_for_delivery: false` through the real outbox drainer: a queued notify must reach the
 * transport exactly as the immediate mode would have sent it, once.
 */
describe('queued notify drained by the alert outbox', () => {
  let h: NotifyHarness;
  let alerts: AlertService | null = null;

  beforeEach(async () => {
    h = await startNotify({ service: { wakeOutbox: () => alerts?.wake() } });
    alerts = createAlertService({
      db: h.db,
      transport: h.transport,
      settings: h.settings,
      logger: createRootLogger({ level: 'silent', format: 'json' }),
      registry: new Registry(),
      config: h.config,
      lifecycle: createLifecycle(),
    });
    await alerts.start();
  });
  afterEach(async () => {
    await alerts?.stop();
    alerts = null;
    await h.close();
  });

  /** Sends `body` both ways and returns [immediate content, drained content]. */
  async function bothWays(body: Record<string, unknown>) {
    await h.post(body).expect(200);
    await h.post({ ...body, wait_for_delivery: false }).expect(202);
    const sent = await h.transport.waitForSent(2);
    await alerts?.idle();
    return [sent[0], sent[1]] as const;
  }

  it('sends a queued text to self as the immediate mode does, and marks the row sent', async () => {
    const [now, later] = await bothWays({ self: true, message: 'Queued hello' });
    expect(later?.content).to.deep.equal(now?.content);
    expect(later?.jid).to.equal(OWNER_PN);
    const [row] = await h.db.em().find(OutboxMessage, { kind: 'notify' });
    expect(row).to.include({ status: 'sent', waMessageId: later?.receipt.messageId });
  });

  it('sends a queued image and document with the same caption, file name and follow-up', async () => {
    const image = h.file('chart.png');
    const [imageNow, imageLater] = await bothWays({
      phone: '919812345678',
      image_path: image,
      message: 'cap',
    });
    expect(imageLater?.content).to.deep.equal(imageNow?.content);
    expect(imageLater?.to).to.deep.equal({ kind: 'jid', jid: '919812345678@s.whatsapp.net' });
    h.transport.sent.length = 0;
    const doc = h.file('report.pdf');
    const [docNow, docLater] = await bothWays({
      self: true,
      document_path: doc,
      filename: 'R.pdf',
      caption: 'follow-up',
    });
    expect(docLater?.content).to.deep.equal(docNow?.content);
    expect(docLater?.content).to.deep.include({ fileName: 'R.pdf', followUpText: 'follow-up' });
  });
});
