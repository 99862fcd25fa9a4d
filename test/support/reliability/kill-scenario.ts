/**
 * `kill -9` during a webhook load, as a reusable scenario: a child sidecar takes a stream of
 * signed events, each delivered by the host's retrying sender; after `killAfterAcks` 202s the
 * child gets SIGKILL mid-stream. The database is read while nothing runs (what the kill left),
 * then a new child starts on the same database and port, and the senders' retries (held until
 * then) go through. Returns everything the caller asserts on.
 */
import { openDatabase, type Database } from '../../../src/db/index.ts';
import { TEST_SECRETS } from '../config.ts';
import { createEventSender, type DeliveryReport } from '../host-sim/index.ts';
import { outboxCensus, ledgerIds, taggedEvents, type TaggedEvent } from './accounting.ts';
import { spawnSidecar, type ChildSidecar } from './child.ts';
import type { AcceptedEvent } from './exactly-once.ts';
import { OWNER_API_KEY, type PairedRig } from './rig.ts';

/** Knobs of one kill. */
export interface KillOptions {
  port: number;
  tag: string;
  events: number;
  killAfterAcks: number;
  /** Delay between launching two deliveries (they overlap: each is its own request). */
  launchEveryMs: number;
  /**
   * Notify messages sent to the owner first: with 20 per chat per minute, `20 - n` alerts go out
   * at once and the rest wait on the pacer in `sending`, where the kill finds them.
   */
  pacerMessages: number;
}

/** What the kill left behind and how the host's deliveries ended. */
export interface KillOutcome {
  events: AcceptedEvent[];
  /** Webhook ids that got a 202 from the killed process (on their first attempt). */
  ackedBeforeKill: Set<string>;
  /** How many deliveries had been launched when SIGKILL was sent. */
  launchedAtKill: number;
  /** Ledger webhook ids found after the kill. */
  ledgerAtKill: Set<string>;
  /** Outbox rows by kind and status after the kill. */
  censusAtKill: Record<string, number>;
  deliveries: DeliveryReport[];
  /** The restarted sidecar (still running). */
  child: ChildSidecar;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the database file a stopped (or running) sidecar uses, runs `fn`, closes it. */
export async function withDatabase<T>(
  rig: Pick<PairedRig, 'childEnv'>,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ databaseUrl: rig.childEnv.DATABASE_URL! });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Sends `count` texts to the owner through the notify API, now (each one takes a pacer slot). */
export async function fillPacer(url: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${url}/api/v1/whatsapp/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': OWNER_API_KEY },
      body: JSON.stringify({ self: true, message: `pacer ${index}`, wait_for_delivery: true }),
    });
    if (response.status !== 200) throw new Error(`notify answered ${response.status}`);
  }
}

/** Starts a child sidecar on the rig's database and waits until WhatsApp is open. */
export async function startChild(
  rig: PairedRig,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildSidecar> {
  const child = spawnSidecar({
    cwd: rig.dir.path,
    env: { ...rig.childEnv, WHATSAPP_RATE_LIMIT: '1000 per minute', ...env },
    port,
  });
  await child.waitForWhatsApp('open');
  return child;
}

/** Runs the scenario on `child` (already open); see the module comment. */
export async function killDuringLoad(
  rig: PairedRig,
  child: ChildSidecar,
  options: KillOptions,
): Promise<KillOutcome> {
  await fillPacer(child.url, options.pacerMessages);
  let release!: () => void;
  const restarted = new Promise<void>((resolve) => (release = resolve));
  const sender = createEventSender({
    targetUrl: `${child.url}/webhooks/openalgo`,
    secret: TEST_SECRETS.WEBHOOK_SECRET,
    // The host's back-off, shortened to "until the sidecar is back".
    sleep: () => restarted,
  });
  const tagged: TaggedEvent[] = taggedEvents(options.tag, options.events);
  let acks = 0;
  let launchedAtKill = options.events;
  const pending: Array<Promise<DeliveryReport>> = [];
  for (const { event } of tagged) {
    pending.push(
      sender.deliver(event).then((report) => {
        if (firstAttemptAcked(report) && ++acks === options.killAfterAcks) {
          // Synchronous, from the very callback that saw the N-th 202: mid-stream.
          child.process.kill('SIGKILL');
          launchedAtKill = pending.length;
        }
        return report;
      }),
    );
    await pause(options.launchEveryMs);
  }
  await child.stop('SIGKILL');
  const [ledgerAtKill, censusAtKill] = await withDatabase(rig, (db) =>
    Promise.all([ledgerIds(db), outboxCensus(db)]),
  );
  const next = await startChild(rig, options.port);
  release();
  const deliveries = await Promise.all(pending);
  const events = tagged.map((item, index) => ({
    ...item,
    webhookId: deliveries[index]!.webhookId,
  }));
  // First attempts all went to the killed process: retries waited for the restart.
  const ackedBeforeKill = new Set(
    deliveries.filter(firstAttemptAcked).map((report) => report.webhookId),
  );
  return {
    events,
    ackedBeforeKill,
    launchedAtKill,
    ledgerAtKill,
    censusAtKill,
    deliveries,
    child: next,
  };
}

function firstAttemptAcked(report: DeliveryReport): boolean {
  const first = report.attempts[0]?.outcome;
  return first !== undefined && 'status' in first && first.status === 202;
}
