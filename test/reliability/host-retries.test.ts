import { expect } from 'chai';
import type { Server } from 'node:http';
import type { App } from '../../src/app.ts';
import type { LifecyclePhase } from '../../src/http/lifecycle.ts';
import { TEST_SECRETS } from '../support/config.ts';
import { createEventSender, type DeliveryReport } from '../support/host-sim/index.ts';
import {
  ledgerIds,
  taggedEvents,
  waitForOutboxSettled,
} from '../support/reliability/accounting.ts';
import { verifyExactlyOnce, type AcceptedEvent } from '../support/reliability/exactly-once.ts';
import { pairedRig, type PairedRig } from '../support/reliability/rig.ts';

function statusOf(report: DeliveryReport, index: number): number | string {
  const outcome = report.attempts[index]?.outcome;
  if (!outcome) return 'none';
  return 'status' in outcome ? outcome.status : 'network error';
}

describe('the host retries its deliveries (real sidecar, real Baileys ↔ simulator)', function () {
  this.timeout(30_000);
  let rig: PairedRig & { app: App };
  let server: Server;
  let port: number;

  beforeEach(async () => {
    rig = await pairedRig();
    server = await rig.app.listen(0);
    port = (server.address() as { port: number }).port;
  });
  afterEach(() => rig.close());

  /** A sender whose back-off runs `between` instead of waiting the host's 2 s, 10 s, … */
  const senderWith = (between: () => Promise<void>) =>
    createEventSender({
      targetUrl: `http://127.0.0.1:${port}/webhooks/openalgo`,
      secret: TEST_SECRETS.WEBHOOK_SECRET,
      sleep: between,
    });

  const settleAndVerify = async (events: AcceptedEvent[], tag: string) => {
    await waitForOutboxSettled(rig.app.db);
    return verifyExactlyOnce(rig.app.db, rig.phone, events, tag);
  };

  for (const phase of ['starting', 'stopping'] as LifecyclePhase[]) {
    it(`retries a 503 (${phase}, Retry-After) and the event is sent once`, async () => {
      rig.app.lifecycle.phase = phase;
      const sender = senderWith(() => {
        rig.app.lifecycle.phase = 'ready';
        return Promise.resolve();
      });
      const [tagged] = taggedEvents('R', 1);
      const report = await sender.deliver(tagged!.event);
      expect([statusOf(report, 0), statusOf(report, 1)]).to.deep.equal([503, 202]);
      expect(report.attempts[1]!.waitedMs).to.be.at.least(1000);
      const counts = await settleAndVerify([{ ...tagged!, webhookId: report.webhookId }], 'R');
      expect(counts).to.include({ own: 1, burst: 0, digest: 0 });
    });
  }

  it('retries when the server was briefly gone (connection refused) and sends once', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const sender = senderWith(async () => {
      server = await rig.app.listen(port);
    });
    const [tagged] = taggedEvents('G', 1);
    const report = await sender.deliver(tagged!.event);
    expect([statusOf(report, 0), statusOf(report, 1)]).to.deep.equal(['network error', 202]);
    const counts = await settleAndVerify([{ ...tagged!, webhookId: report.webhookId }], 'G');
    expect(counts.own).to.equal(1);
  });

  it('answers every duplicate delivery of one webhook id 202 and sends its alert once', async () => {
    const sender = senderWith(() => Promise.resolve());
    const tagged = taggedEvents('U', 3);
    const ids = tagged.map((_, index) => `msg_dup_${index}_${Date.now()}`);
    // Each event delivered 6 times: 4 at once (a host racing its own retries), then 2 late ones.
    const concurrent = tagged.flatMap(({ event }, index) =>
      Array.from({ length: 4 }, () => sender.deliver(event, { webhookId: ids[index]! })),
    );
    const reports = await Promise.all(concurrent);
    for (const [index, { event }] of tagged.entries()) {
      for (let late = 0; late < 2; late += 1) {
        reports.push(await sender.deliver(event, { webhookId: ids[index]! }));
      }
    }
    expect(reports.map((report) => report.attempts.length)).to.satisfy((lengths: number[]) =>
      lengths.every((length) => length === 1),
    );
    expect(new Set(reports.map((report) => statusOf(report, 0)))).to.deep.equal(new Set([202]));
    const events = tagged.map((item, index) => ({ ...item, webhookId: ids[index]! }));
    const counts = await settleAndVerify(events, 'U');
    expect(counts.own).to.equal(3);
    expect([...(await ledgerIds(rig.app.db))].sort()).to.deep.equal([...ids].sort());
  });
});
