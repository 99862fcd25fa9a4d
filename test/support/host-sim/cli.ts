/**
 * `npm run host-sim [-- --port 5000 --api-key KEY --mode analyze --webhook-secret whsec_…]`:
 * starts the host simulator on 127.0.0.1 and prints its URL and API key, for the sandbox and for
 * trying the sidecar by hand. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { startHostSim } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.HOST_SIM_PORT ?? '0' },
    'api-key': { type: 'string' },
    mode: { type: 'string', default: 'live' },
    'webhook-secret': { type: 'string' },
  },
});

const mode = values.mode === 'analyze' ? 'analyze' : 'live';
const sim = await startHostSim({
  port: Number(values.port),
  apiKey: values['api-key'],
  mode,
  webhookSecret: values['webhook-secret'],
});

console.log(`host-sim listening: ${sim.url}`);
console.log(`HOST_SERVER=${sim.url}`);
// A throwaway key for a local simulator: printing it is the point of this command.
console.log(`API key: ${sim.apiKey}`);
console.log(`mode: ${mode}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
