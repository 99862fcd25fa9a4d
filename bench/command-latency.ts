/**
 * Command typed on the simulated phone → reply decrypted by it, with the host simulator answering
 * in ~5 ms (SPEC §12 target: p50 ≤ 100 ms). The sidecar runs in-process with the real Baileys link.
 */
import { startHostSim } from '../test/support/host-sim/index.ts';
import { figure, median, percentile } from './support/figures.ts';
import { pairedRig } from './support/sidecar.ts';

const samples = Number(process.argv[2] ?? 20);

const host = await startHostSim({ responseDelayMs: 5 });
const rig = await pairedRig({ HOST_SERVER: host.url });
await rig.app.settings.setOwnerApiKey(host.apiKey);
const timings: number[] = [];
const answered = new Set<string>();
// 20 commands a minute is the per-owner limit (SPEC §5.4): stay under it so every one is answered.
const spacingMs = 3_100;
for (let i = 0; i < samples; i += 1) {
  const start = performance.now();
  await rig.phone.sendSelfText('/funds');
  const reply = await rig.phone.waitForMessage(
    (m) => !answered.has(m.id) && m.text?.startsWith('*Funds') === true,
    10_000,
  );
  answered.add(reply.id);
  timings.push(performance.now() - start);
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, spacingMs - (performance.now() - start))),
  );
}
figure('command_round_trip_p50_ms', median(timings), 'ms', '<=100');
figure('command_round_trip_p99_ms', percentile(timings, 99), 'ms');
await rig.close();
await host.close();
process.exit(0);
