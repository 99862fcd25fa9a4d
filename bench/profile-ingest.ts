/**
 * Webhook ingest under load, for profiling. Two modes:
 *
 * - `node bench/profile-ingest.ts [seconds] [profile-dir]`: a child `node src/main.ts` (the same
 *   process `bench/ingest.ts` measures) runs with `--cpu-prof` into `profile-dir` (default
 *   `/tmp/prof/child`), so the profile holds the sidecar's CPU only, not autocannon's.
 * - `node --cpu-prof bench/profile-ingest.ts [seconds] --in-process`: the app in this process,
 *   for a quick look (autocannon's own CPU is then in the profile too).
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { buildTestConfig, makeTempDir, TEST_SECRETS } from '../test/support/config.ts';
import { spawnSidecar } from './support/child-sidecar.ts';
import { signedWebhookRequest } from './support/signed-requests.ts';

const seconds = Number(process.argv[2] ?? 5);
const inProcess = process.argv.includes('--in-process');
const profileDir = process.argv[3]?.startsWith('--') ? undefined : process.argv[3];

async function load(url: string): Promise<void> {
  const result = await autocannon({
    url,
    connections: 20,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/openalgo',
        setupRequest: signedWebhookRequest(TEST_SECRETS.WEBHOOK_SECRET),
      },
    ],
  });
  process.stdout.write(
    `${Math.round(result.requests.average)} req/s, non2xx ${result.non2xx}, p99 ${result.latency.p99} ms\n`,
  );
}

const dir = makeTempDir('oaw-prof-');
const app = await createApp(buildTestConfig(dir.path));
await app.settings.setOwnerUsername('trader1');
if (inProcess) {
  const server = await app.listen(0);
  await load(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  await app.close();
} else {
  await app.close();
  const sidecar = await spawnSidecar(dir.path, {
    ...TEST_SECRETS,
    DATABASE_URL: `sqlite:${join(dir.path, 'test.db')}`,
    LOG_LEVEL: 'error',
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir ?? '/tmp/prof/child'}`,
  });
  await sidecar.waitForWhatsApp('unpaired');
  await load(sidecar.url);
  // A clean exit (SIGTERM → graceful shutdown) is what makes Node write the profile.
  await sidecar.stop();
}
dir.cleanup();
process.exit(0);
