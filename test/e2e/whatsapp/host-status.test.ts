import { expect } from 'chai';
import type { App } from '../../../src/app.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';
import { pairByQr, startE2eApp, waitForState } from '../../support/e2e-app.ts';
import { startHostSim, type HostSim } from '../../support/host-sim/index.ts';
import { startWaSim, type WaSim } from '../../support/wa-sim/index.ts';

describe('link trouble is reported to the host (SPEC §8.1), end to end', function () {
  this.timeout(30_000);
  let sim: WaSim;
  let host: HostSim;
  let dir: TempDir;
  let app: App;

  beforeEach(async () => {
    sim = await startWaSim();
    host = await startHostSim({ webhookSecret: TEST_SECRETS.WEBHOOK_SECRET });
    dir = makeTempDir();
    app = await startE2eApp(dir.path, sim, { env: { HOST_SERVER: host.url } });
    await pairByQr(app, await sim.createPhone({ phoneNumber: '919876543210' }));
  });
  afterEach(async () => {
    await app.close();
    await host.close();
    await sim.close();
    dir.cleanup();
  });

  it('sends a signed callback when another session replaces the link (440)', async () => {
    expect(host.statusCallbacks).to.have.length(0);
    sim.control.disconnect(440);
    await waitForState(app.whatsapp, 'replaced');
    for (let i = 0; i < 400 && host.statusCallbacks.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const [callback] = host.statusCallbacks;
    expect(callback?.verified).to.equal(true);
    expect(callback?.body).to.deep.include({ type: 'whatsapp.status' });
    expect((callback?.body as { data: Record<string, unknown> }).data).to.include({
      state: 'replaced',
      previous: 'open',
      status_code: 440,
    });
  });
});
