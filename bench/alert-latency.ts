/**
 * Event → alert stanza received by the WhatsApp simulator, at 10 events/s (SPEC §12 target:
 * p50 ≤ 30 ms, p99 ≤ 150 ms). Events are spread over 50 linked recipients so each chat gets one
 * alert per 5 s (under the pacing and burst thresholds). One warm-up alert per recipient first
 * (it sets up the Signal session), then the measured run. Time is taken from just before the
 * signed POST to the simulator logging the companion's `<message>` stanza for that chat.
 */
import { buildOrderEvent, createEventSender } from '../test/support/host-sim/index.ts';
import { TEST_SECRETS } from '../test/support/config.ts';
import { figure, median, percentile } from './support/figures.ts';
import { createRecipients } from './support/recipients.ts';
import { pairedRig } from './support/sidecar.ts';

const seconds = Number(process.argv[2] ?? 20);
const RATE = 10;
const RECIPIENTS = 50;

// The simulator's stanza log gives the arrival time of each alert stanza.
const rig = await pairedRig({}, { stanzaLog: true });
const server = await rig.app.listen(0);
const port = (server.address() as { port: number }).port;
const sender = createEventSender({
  targetUrl: `http://127.0.0.1:${port}/webhooks/openalgo`,
  secret: TEST_SECRETS.WEBHOOK_SECRET,
});
const recipients = await createRecipients(rig.app.db, rig.sim, RECIPIENTS);

/** Resolves with the time the simulator logged a message stanza to `jid` after `since`. */
function stanzaTo(jid: string, since: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const check = () => {
      const hit = rig.sim.stanzas.find(
        (s) =>
          s.direction === 'in' &&
          s.node.tag === 'message' &&
          s.node.attrs.to === jid &&
          s.at >= since,
      );
      if (hit) return resolve(hit.at);
      if (Date.now() > deadline) return reject(new Error(`no stanza to ${jid}`));
      setTimeout(check, 2);
    };
    check();
  });
}

async function fire(index: number): Promise<number> {
  const recipient = recipients[index % RECIPIENTS]!;
  const event = buildOrderEvent('order.placed', {
    username: recipient.username,
    timestamp: new Date().toISOString(),
  });
  const start = Date.now();
  const sent = await sender.send(event);
  if (sent.status !== 202) throw new Error(`webhook answered ${sent.status}`);
  return (await stanzaTo(recipient.phone.pnJid, start)) - start;
}

await Promise.all(recipients.map((_, i) => fire(i)));
const pending: Array<Promise<number>> = [];
for (let i = 0; i < seconds * RATE; i += 1) {
  pending.push(fire(i));
  await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
}
const latencies = await Promise.all(pending);
figure('event_to_stanza_p50_ms', median(latencies), 'ms', '<=30');
figure('event_to_stanza_p99_ms', percentile(latencies, 99), 'ms', '<=150');
await rig.close();
process.exit(0);
