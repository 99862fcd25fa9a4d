/**
 * Boot with a stored session → `open` (SPEC §12 target ≤ 2 s), measured from spawning
 * `node src/main.ts` to /readyz reporting `open`; and the RSS of that process connected and idle
 * (target ≤ 150 MB). Median of several runs. The simulator runs in this process, not the sidecar's.
 */
import { join } from 'node:path';
import { TEST_SECRETS } from '../test/support/config.ts';
import { spawnSidecar } from './support/child-sidecar.ts';
import { figure, median } from './support/figures.ts';
import { pairedRig } from './support/sidecar.ts';

const runs = Number(process.argv[2] ?? 5);

const rig = await pairedRig();
await rig.app.close();
const env = {
  ...TEST_SECRETS,
  DATABASE_URL: `sqlite:${join(rig.dir.path, 'test.db')}`,
  WHATSAPP_SERVER_URL: rig.sim.url,
  WHATSAPP_SERVER_ROOT_KEY: rig.sim.rootPublicKeyHex,
};
const boots: number[] = [];
const rss: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const sidecar = await spawnSidecar(rig.dir.path, env);
  boots.push(await sidecar.waitForWhatsApp('open'));
  // Let start-up garbage settle before reading the resident set of a connected, idle sidecar.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  rss.push(sidecar.rssMb());
  await sidecar.stop();
}
figure('boot_process_to_open_ms', median(boots), 'ms', '<=2000');
figure('rss_connected_idle_mb', median(rss), 'MB', '<=150');
rig.app = { close: () => Promise.resolve() } as never;
await rig.close();
process.exit(0);
