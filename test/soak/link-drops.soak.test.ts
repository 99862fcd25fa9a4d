import { expect } from 'chai';
import type { App } from '../../src/app.ts';
import type { DisconnectCode } from '../support/wa-sim/index.ts';
import { extraAttempts, waitForOutboxSettled } from '../support/reliability/accounting.ts';
import { verifyExactlyOnce } from '../support/reliability/exactly-once.ts';
import { listenUrl, streamWithDrops } from '../support/reliability/link-drops.ts';
import { pairedRig, type PairedRig } from '../support/reliability/rig.ts';

const EVENTS = 200;
const DROPS = 6;

/*
 * The reliability suite's link-drop run with Baileys' own query timeout (60 s), more events and
 * more drops. A send cut off while it waits for a query stalls the outbox for that minute (see
 * test/reliability/link-drops.test.ts); the run must still end with no loss and no duplicate.
 */
describe('soak: the WhatsApp link drops while alerts flow, Baileys defaults', function () {
  this.timeout(600_000);
  let rig: PairedRig & { app: App };

  beforeEach(async () => {
    rig = await pairedRig();
  });
  afterEach(() => rig.close());

  for (const code of [428, 515] as DisconnectCode[]) {
    it(`no loss, no duplicate across ${DROPS} disconnects (${code})`, async () => {
      const tag = `S${code}`;
      const started = Date.now();
      const run = await streamWithDrops(rig.sim, rig.phone, rig.app, await listenUrl(rig.app), {
        code,
        tag,
        events: EVENTS,
        launchEveryMs: 10,
        maxDrops: DROPS,
        quietMs: 90_000,
      });
      expect(run.statuses.filter((status) => status !== 202)).to.deep.equal([]);
      await waitForOutboxSettled(rig.app.db, 180_000);
      const counts = await verifyExactlyOnce(rig.app.db, rig.phone, run.events, tag);
      expect(counts.own + counts.burst).to.equal(EVENTS);
      console.log(
        `      ${code}: ${run.drops} drops, paths ${JSON.stringify(counts)}, attempts burned ` +
          `${await extraAttempts(rig.app.db)}, all delivered after ${Date.now() - started} ms`,
      );
    });
  }
});
