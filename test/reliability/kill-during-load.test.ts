import { expect } from 'chai';
import {
  ledgerIds,
  outboxCensus,
  waitForOutboxSettled,
} from '../support/reliability/accounting.ts';
import { freePort, type ChildSidecar } from '../support/reliability/child.ts';
import { verifyExactlyOnce } from '../support/reliability/exactly-once.ts';
import { killDuringLoad, startChild, withDatabase } from '../support/reliability/kill-scenario.ts';
import { pairedRig, type PairedRig } from '../support/reliability/rig.ts';

const EVENTS = 120;
const KILL_AFTER_ACKS = 40;

describe('kill -9 of the sidecar process during a webhook load', function () {
  this.timeout(60_000);
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

  it('delivers every acknowledged event exactly once (own alert, burst or digest line) and the host’s retries once too', async () => {
    const port = await freePort();
    child = await startChild(rig, port);
    // 18 notify texts leave 2 pacer slots: 2 alerts go out, the next wait in `sending` (no id).
    const outcome = await killDuringLoad(rig, child, {
      port,
      tag: 'K',
      events: EVENTS,
      killAfterAcks: KILL_AFTER_ACKS,
      launchEveryMs: 4,
      pacerMessages: 18,
    });
    child = outcome.child;
    const { ackedBeforeKill, ledgerAtKill, censusAtKill } = outcome;

    // The kill came mid-stream, and a 202 meant committed: every acknowledged id is in the ledger.
    expect(outcome.launchedAtKill).to.be.below(EVENTS);
    expect(ackedBeforeKill.size).to.be.at.least(KILL_AFTER_ACKS);
    for (const id of ackedBeforeKill) expect(ledgerAtKill.has(id), id).to.equal(true);
    expect(censusAtKill['alert:sending_without_id'] ?? 0).to.be.above(0);
    // Every event ends delivered: the host retried those the kill cut off.
    expect(outcome.deliveries.filter((d) => !d.delivered)).to.deep.equal([]);

    const counts = await withDatabase(rig, async (db) => {
      await waitForOutboxSettled(db);
      expect(await ledgerIds(db)).to.have.property('size', EVENTS);
      return verifyExactlyOnce(db, rig.phone, outcome.events, 'K');
    });
    // Rows left in `sending` without an id are the digest's, no more, no fewer.
    expect(counts.digest).to.equal(censusAtKill['alert:sending_without_id']);
    expect(counts.own + counts.burst + counts.digest).to.equal(EVENTS);
    const retried = outcome.deliveries.filter((d) => d.attempts.length > 1);
    const committedUnacked = [...ledgerAtKill].filter((id) => !ackedBeforeKill.has(id));
    const final = await withDatabase(rig, outboxCensus);
    console.log(
      `      acked before kill ${ackedBeforeKill.size}/${EVENTS}, committed but unacked ` +
        `${committedUnacked.length}, retried by the host ${retried.length}; ` +
        `at kill ${JSON.stringify(censusAtKill)}; paths ${JSON.stringify(counts)}; ` +
        `final ${JSON.stringify(final)}`,
    );
    const stopped = await child.stop('SIGTERM');
    child = undefined;
    expect(stopped.code).to.equal(0);
  });
});
