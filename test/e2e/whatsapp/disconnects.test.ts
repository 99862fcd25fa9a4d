import { expect } from 'chai';
import type { App } from '../../../src/app.ts';
import { WhatsappAuth } from '../../../src/db/index.ts';
import type { StateChange } from '../../../src/whatsapp/transport.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp, waitForState } from '../../support/e2e-app.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../support/wa-sim/index.ts';

/** Collects every state change from now on. */
function recordStates(app: App): StateChange[] {
  const changes: StateChange[] = [];
  app.whatsapp.onStateChange((change) => changes.push(change));
  return changes;
}

/** Counts companion logins the simulator saw (each reconnect is one). */
function loginCount(sim: WaSim): number {
  return sim.stanzas.filter((entry) => entry.direction === 'out' && entry.node.tag === 'success')
    .length;
}

describe('WhatsApp link: disconnect policy (SPEC §8.2) against the simulator', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let dir: TempDir;
  let app: App;
  let phone: SimPhone;

  beforeEach(async () => {
    sim = await startWaSim();
    dir = makeTempDir();
    phone = await sim.createPhone({ phoneNumber: '919876543210' });
    app = await startE2eApp(dir.path, sim, {
      link: { backoff: { initialMs: 100, maxMs: 400, stableMs: 1_500 } },
    });
    await pairByQr(app, phone);
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    dir.cleanup();
  });

  it('515 reconnects at once and reaches open again', async () => {
    const changes = recordStates(app);
    const before = loginCount(sim);
    sim.control.disconnect(515);
    await waitForState(app.whatsapp, 'connecting');
    await waitForState(app.whatsapp, 'open');
    expect(changes.map((c) => c.state)).to.deep.equal(['connecting', 'open']);
    expect(changes[0]?.statusCode).to.equal(515);
    expect(loginCount(sim)).to.equal(before + 1);
  });

  it('440 stays replaced and never reconnects', async () => {
    const before = loginCount(sim);
    sim.control.disconnect(440);
    await waitForState(app.whatsapp, 'replaced');
    // Absence of reconnects can only be shown by letting time pass: longer than the whole backoff range.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(app.whatsapp.state()).to.equal('replaced');
    expect(loginCount(sim)).to.equal(before);
    expect(await app.db.em().count(WhatsappAuth, {})).to.be.greaterThan(0);
  });

  it('401 (device removed) ends logged_out with no auth rows left', async () => {
    sim.control.disconnect(401);
    await waitForState(app.whatsapp, 'logged_out');
    expect(await app.db.em().count(WhatsappAuth, {})).to.equal(0);
    expect(app.whatsapp.identity()).to.equal(null);
  });

  it('403 ends forbidden without retrying', async () => {
    sim.control.disconnect(403);
    await waitForState(app.whatsapp, 'forbidden');
    expect(app.whatsapp.state()).to.equal('forbidden');
  });

  it('428 backs off with growing delays, then recovers and resets after a stable period', async () => {
    const changes = recordStates(app);
    for (let drop = 0; drop < 2; drop += 1) {
      const reconnecting = waitForState(app.whatsapp, 'reconnecting');
      sim.control.disconnect(428);
      await reconnecting;
      await waitForState(app.whatsapp, 'open');
    }
    const delays = changes
      .filter((c) => c.state === 'reconnecting')
      .map((c) => Number(/retrying in ([\d.]+) s/.exec(c.reason ?? '')?.[1]));
    expect(delays, JSON.stringify(changes.map((c) => [c.state, c.reason]))).to.have.length(2);
    expect(delays[1]).to.be.greaterThan(delays[0]!);
    expect(changes.find((c) => c.state === 'reconnecting')?.statusCode).to.equal(428);
    // Stay up longer than stableMs: the next drop starts from the initial delay again.
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const reconnecting = waitForState(app.whatsapp, 'reconnecting');
    sim.control.disconnect(428);
    await reconnecting;
    const last = changes.filter((c) => c.state === 'reconnecting').at(-1);
    expect(Number(/retrying in ([\d.]+) s/.exec(last?.reason ?? '')?.[1])).to.be.at.most(0.2);
    await waitForState(app.whatsapp, 'open');
  });

  it('a deaf connection is detected as degraded and recovered by a clean reconnect', async () => {
    await app.close();
    app = await startE2eApp(dir.path, sim, {
      keepAliveIntervalMs: 1_000,
      link: { backoff: { initialMs: 100 } },
    });
    await waitForState(app.whatsapp, 'open');
    const changes = recordStates(app);
    sim.control.setDeaf(true);
    await waitForState(app.whatsapp, 'degraded');
    sim.control.setDeaf(false);
    await waitForState(app.whatsapp, 'open');
    expect(changes.map((c) => c.state)).to.include.members(['degraded', 'reconnecting', 'open']);
    expect(changes.find((c) => c.state === 'degraded')?.reason).to.match(/no frame from WhatsApp/);
  });
});
