/**
 * RSS of a `node src/main.ts` process connected and idle, and again after it ingested and
 * delivered 10,000 alerts (SPEC §12: growth ≤ 10 %). Alerts are spread over 100 linked recipients
 * (see support/recipients.ts); the run waits until the outbox has nothing queued or sending, then
 * lets the process settle before reading /proc.
 */
import { join } from 'node:path';
import { TEST_SECRETS } from '../test/support/config.ts';
import { buildOrderEvent, createEventSender } from '../test/support/host-sim/index.ts';
import { spawnSidecar, type ChildSidecar } from './support/child-sidecar.ts';
import { figure } from './support/figures.ts';
import { createRecipients } from './support/recipients.ts';
import { pairedRig } from './support/sidecar.ts';

const ALERTS = Number(process.argv[2] ?? 10_000);
const RECIPIENTS = 100;
const CONCURRENCY = 20;

/** Reads the outbox depth for a status from the sidecar's /metrics. */
async function depth(sidecar: ChildSidecar, status: string): Promise<number> {
  const text = await (await fetch(`${sidecar.url}/metrics`)).text();
  const match = new RegExp(`oaw_outbox_queue_depth\\{status="${status}"[^}]*\\} (\\d+)`).exec(text);
  return Number(match?.[1] ?? NaN);
}

/** Reads a process gauge (e.g. V8 heap used) from the sidecar's /metrics, in MB. */
async function gaugeMb(sidecar: ChildSidecar, name: string): Promise<number> {
  const text = await (await fetch(`${sidecar.url}/metrics`)).text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
  return Number(match?.[1] ?? NaN) / 2 ** 20;
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

const rig = await pairedRig();
const recipients = await createRecipients(rig.app.db, rig.sim, RECIPIENTS);
await rig.app.close();
const sidecar = await spawnSidecar(rig.dir.path, {
  ...TEST_SECRETS,
  DATABASE_URL: `sqlite:${join(rig.dir.path, 'test.db')}`,
  WHATSAPP_SERVER_URL: rig.sim.url,
  WHATSAPP_SERVER_ROOT_KEY: rig.sim.rootPublicKeyHex,
  LOG_LEVEL: 'error',
});
await sidecar.waitForWhatsApp('open');
await settle(3_000);
const idle = sidecar.rssMb();
const heapIdle = await gaugeMb(sidecar, 'oaw_nodejs_heap_size_used_bytes');
const sender = createEventSender({
  targetUrl: `${sidecar.url}/webhooks/openalgo`,
  secret: TEST_SECRETS.WEBHOOK_SECRET,
});
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < ALERTS) {
      const index = next++;
      const username = recipients[index % RECIPIENTS]!.username;
      const sent = await sender.send(
        buildOrderEvent('order.placed', { username, timestamp: new Date().toISOString() }),
      );
      if (sent.status !== 202) throw new Error(`webhook answered ${sent.status}`);
    }
  }),
);
const deadline = Date.now() + 10 * 60_000;
while (
  (await depth(sidecar, 'queued')) + (await depth(sidecar, 'sending')) > 0 &&
  Date.now() < deadline
)
  await settle(500);
const sent = await depth(sidecar, 'sent');
await settle(5_000);
const after = sidecar.rssMb();
const heapAfter = await gaugeMb(sidecar, 'oaw_nodejs_heap_size_used_bytes');
figure('rss_connected_idle_child_mb', idle, 'MB', '<=150');
figure('rss_after_alerts_mb', after, 'MB');
figure('rss_growth_after_alerts_pct', (100 * (after - idle)) / idle, '%', '<=10');
figure('heap_used_idle_mb', heapIdle, 'MB');
figure('heap_used_after_alerts_mb', heapAfter, 'MB');
figure('alerts_delivered', sent, 'rows');
await sidecar.stop();
rig.app = { close: () => Promise.resolve() } as never;
await rig.close();
process.exit(0);
