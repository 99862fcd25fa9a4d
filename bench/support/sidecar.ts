/**
 * A sidecar wired to the WhatsApp simulator (and optionally the host simulator) for benchmarks:
 * the same real parts as the end-to-end tests, in a temp directory.
 */
import type { App } from '../../src/app.ts';
import { makeTempDir, type TempDir } from '../../test/support/config.ts';
import { pairByQr, startE2eApp } from '../../test/support/e2e-app.ts';
import { startWaSim, type SimPhone, type WaSim } from '../../test/support/wa-sim/index.ts';

/** A paired sidecar and its simulator. */
export interface BenchRig {
  sim: WaSim;
  phone: SimPhone;
  dir: TempDir;
  app: App;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the simulator and a sidecar, pairs them by QR, and returns everything. */
export async function pairedRig(
  env: Record<string, string> = {},
  options: { stanzaLog?: boolean } = {},
): Promise<BenchRig> {
  const sim = await startWaSim({ stanzaLog: options.stanzaLog ?? false });
  const phone = await sim.createPhone({ phoneNumber: '919876543210' });
  const dir = makeTempDir('oaw-bench-');
  const app = await startE2eApp(dir.path, sim, { env: { LOG_LEVEL: 'silent', ...env } });
  await pairByQr(app, phone);
  const rig: BenchRig = {
    sim,
    phone,
    dir,
    app,
    env,
    async close() {
      await rig.app.close();
      await sim.close();
      dir.cleanup();
    },
  };
  return rig;
}
