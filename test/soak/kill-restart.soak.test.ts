import { expect } from 'chai';
import { waitForOutboxSettled } from '../support/reliability/accounting.ts';
import { freePort, type ChildSidecar } from '../support/reliability/child.ts';
import { verifyExactlyOnce } from '../support/reliability/exactly-once.ts';
import { killDuringLoad, startChild, withDatabase } from '../support/reliability/kill-scenario.ts';
import { pairedRig, type PairedRig } from '../support/reliability/rig.ts';

const CYCLES = 6;
const EVENTS = 300;

/*
 * Repeated kill -9 / restart cycles on one database: each cycle streams events, kills the process
 * after a random number of 202s (half the cycles with the pacer filled first, so rows sit in
 * `sending`), restarts it, lets the host retry, and checks every event of the cycle exactly once.
 */
describe('soak: kill -9 and restart, cycle after cycle', function () {
  this.timeout(1_800_000);
  let rig: PairedRig;
  let child: ChildSidecar | undefined;

  before(async () => {
    const paired = await pairedRig();
    await paired.app.close();
    rig = paired;
  });
  after(async () => {
    await child?.stop('SIGKILL');
    await rig.sim.close();
    rig.dir.cleanup();
  });

  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    it(`cycle ${cycle + 1}: every event ends delivered exactly once`, async () => {
      const port = await freePort();
      const tag = `C${String.fromCharCode(65 + cycle)}`;
      const killAfterAcks = 20 + Math.floor(Math.random() * (EVENTS - 60));
      child = await startChild(rig, port);
      const outcome = await killDuringLoad(rig, child, {
        port,
        tag,
        events: EVENTS,
        killAfterAcks,
        launchEveryMs: 2,
        pacerMessages: cycle % 2 === 0 ? 0 : 18,
      });
      child = outcome.child;
      for (const id of outcome.ackedBeforeKill) expect(outcome.ledgerAtKill.has(id)).to.equal(true);
      expect(outcome.deliveries.filter((d) => !d.delivered)).to.deep.equal([]);
      const counts = await withDatabase(rig, async (db) => {
        await waitForOutboxSettled(db, 600_000);
        return verifyExactlyOnce(db, rig.phone, outcome.events, tag);
      });
      expect(counts.own + counts.burst + counts.digest).to.equal(EVENTS);
      console.log(
        `      kill after ${killAfterAcks} acks: at kill ${JSON.stringify(outcome.censusAtKill)}; ` +
          `paths ${JSON.stringify(counts)}`,
      );
      await child.stop('SIGTERM');
      child = undefined;
    });
  }
});
