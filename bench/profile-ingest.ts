/** Runs the webhook ingest load in-process for profiling (`node --cpu-prof bench/profile-ingest.ts`). */
import autocannon from 'autocannon';
import { createApp } from '../src/app.ts';
import { buildTestConfig, makeTempDir, TEST_SECRETS } from '../test/support/config.ts';
import { signedWebhookRequest } from './support/signed-requests.ts';

const dir = makeTempDir('oaw-prof-');
const app = await createApp(buildTestConfig(dir.path));
await app.settings.setOwnerUsername('trader1');
const server = await app.listen(0);
const port = (server.address() as { port: number }).port;
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: 20,
  duration: Number(process.argv[2] ?? 5),
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
await app.close();
dir.cleanup();
