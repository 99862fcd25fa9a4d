/**
 * Webhook ingest (verify + validate + durable commit) on a real `node src/main.ts` process with
 * SQLite: throughput against GET /healthz in the same run (SPEC §12: ≥ 50 %), and p50/p99 at a
 * fixed 500 req/s (target p99 ≤ 25 ms). autocannon runs in this process on loopback. The link is
 * not paired, so alerts wait in the outbox and the figure is ingest alone. Median of several runs.
 */
import autocannon, { type Options, type Result } from 'autocannon';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { buildTestConfig, makeTempDir, TEST_SECRETS } from '../test/support/config.ts';
import { spawnSidecar } from './support/child-sidecar.ts';
import { figure, median } from './support/figures.ts';
import { signedWebhookRequest } from './support/signed-requests.ts';

const runs = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 5);

function cannon(options: Options): Promise<Result> {
  // autocannon's promise form returns the result; its callback form is not needed.
  return autocannon(options);
}

/** autocannon request template: a POST whose body and signature are fresh for every request. */
function webhookRequest() {
  return {
    method: 'POST' as const,
    path: '/webhooks/openalgo',
    setupRequest: signedWebhookRequest(TEST_SECRETS.WEBHOOK_SECRET),
  };
}

const dir = makeTempDir('oaw-bench-ingest-');
// The owner username makes events route to the owner, so each request commits ledger + outbox rows.
const setup = await createApp(buildTestConfig(dir.path));
await setup.settings.setOwnerUsername('trader1');
await setup.close();
const sidecar = await spawnSidecar(dir.path, {
  ...TEST_SECRETS,
  DATABASE_URL: `sqlite:${join(dir.path, 'test.db')}`,
  LOG_LEVEL: 'error',
});
await sidecar.waitForWhatsApp('unpaired');

const ratios: number[] = [];
const health: number[] = [];
const ingest: number[] = [];
const p50: number[] = [];
const p99: number[] = [];
const common = { url: sidecar.url, connections: 20, duration: seconds };
for (let run = 0; run < runs; run += 1) {
  const h = await cannon({ ...common, url: `${sidecar.url}/healthz` });
  const w = await cannon({ ...common, requests: [webhookRequest()] });
  if (w.non2xx > 0) throw new Error(`${w.non2xx} webhook requests were not accepted`);
  health.push(h.requests.average);
  ingest.push(w.requests.average);
  ratios.push((100 * w.requests.average) / h.requests.average);
  const fixed = await cannon({
    ...common,
    connections: 10,
    overallRate: 500,
    requests: [webhookRequest()],
  });
  p50.push(fixed.latency.p50);
  p99.push(fixed.latency.p99);
}
figure('healthz_throughput_rps', median(health), 'req/s');
figure('webhook_ingest_throughput_rps', median(ingest), 'req/s');
figure('webhook_ingest_vs_healthz_pct', median(ratios), '%', '>=50');
figure('webhook_ingest_p50_at_500rps_ms', median(p50), 'ms');
figure('webhook_ingest_p99_at_500rps_ms', median(p99), 'ms', '<=25');
await sidecar.stop();
dir.cleanup();
process.exit(0);
