/**
 * Forced link drops while alerts flow: a stream of signed events into an in-process sidecar, and
 * a driver that forces a disconnect each time the phone has just received one of the stream's
 * alerts, when the next sends are most likely on the wire or waiting for their ack.
 */
import type { App } from '../../../src/app.ts';
import { TEST_SECRETS } from '../config.ts';
import { createEventSender } from '../host-sim/index.ts';
import type { DisconnectCode, WaSim, SimPhone } from '../wa-sim/index.ts';
import { taggedEvents } from './accounting.ts';
import type { AcceptedEvent } from './exactly-once.ts';

/** What the stream and the drops did. */
export interface DropRun {
  events: AcceptedEvent[];
  /** Disconnects actually forced. */
  drops: number;
  /** Statuses of the webhook answers (all should be 202). */
  statuses: number[];
}

/** Knobs of one run. */
export interface DropOptions {
  code: DisconnectCode;
  tag: string;
  events: number;
  launchEveryMs: number;
  /** Most disconnects to force. */
  maxDrops: number;
  /** How long to wait for the next alert before giving up on more drops. */
  quietMs?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's URL for `app` (listening on a free port). */
export async function listenUrl(app: App): Promise<string> {
  const address = (await app.listen(0)).address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://127.0.0.1:${port}`;
}

/** Resolves once the link has left `open` and come back to it. */
function downThenOpen(app: App, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let left = false;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`link did not come back: ${app.whatsapp.state()}`));
    }, timeoutMs);
    const off = app.whatsapp.onStateChange(({ state }) => {
      if (state !== 'open') left = true;
      else if (left) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

/** Forces `maxDrops` disconnects, each right after a new alert of the stream reached the phone. */
async function dropOnArrival(
  sim: WaSim,
  phone: SimPhone,
  app: App,
  options: DropOptions,
): Promise<number> {
  const seen = new Set<string>();
  let drops = 0;
  while (drops < options.maxDrops) {
    const arrived = await phone
      .waitForMessage(
        (m) => !seen.has(m.id) && (m.text ?? '').includes(`Symbol: ${options.tag}`),
        options.quietMs ?? 12_000,
      )
      .catch(() => null);
    if (arrived === null) break;
    seen.add(arrived.id);
    // Every message already at the phone is "seen": the next drop needs a newer arrival.
    for (const message of phone.received) seen.add(message.id);
    const reopened = downThenOpen(app);
    sim.control.disconnect(options.code);
    drops += 1;
    await reopened;
  }
  return drops;
}

/** Streams the events into `app` while `sim` drops the link; resolves once both are done. */
export async function streamWithDrops(
  sim: WaSim,
  phone: SimPhone,
  app: App,
  url: string,
  options: DropOptions,
): Promise<DropRun> {
  const sender = createEventSender({
    targetUrl: `${url}/webhooks/openalgo`,
    secret: TEST_SECRETS.WEBHOOK_SECRET,
  });
  const tagged = taggedEvents(options.tag, options.events);
  const driver = dropOnArrival(sim, phone, app, options);
  const sends: Array<Promise<{ status: number; webhookId: string }>> = [];
  for (const { event } of tagged) {
    sends.push(sender.send(event));
    await pause(options.launchEveryMs);
  }
  const answers = await Promise.all(sends);
  const drops = await driver;
  return {
    events: tagged.map((item, index) => ({ ...item, webhookId: answers[index]!.webhookId })),
    drops,
    statuses: answers.map((answer) => answer.status),
  };
}
