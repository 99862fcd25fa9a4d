/**
 * The outbox drainer (SPEC §4.4): a background loop over the durable queue. Event-driven, never a
 * tight poll: it wakes when alerts are queued, when the link turns open, and on one timer set for
 * the next due row. Passes never overlap. While the link is down nothing is attempted (no attempt
 * is burned); the `open` event resumes the drain. At start it first reconciles rows a previous
 * process left in `sending`.
 */
import type { Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import type { AlertClock, TimerHandle } from './clock.ts';
import type { AlertMetrics } from './metrics.ts';
import { isSendable, runPass, type DrainReport, type PassDeps } from './outbox-pass.ts';
import { reconcileSending, type ReconcileReport } from './outbox-reconcile.ts';
import { createOutboxStore } from './outbox-store.ts';
import type { RecipientDirectory } from './recipients.ts';
import { createSerialQueue } from './serial.ts';

export type { DrainReport } from './outbox-pass.ts';

/** Longest the drainer sleeps before re-checking the queue (bounds clock drift and far holds). */
export const MAX_IDLE_WAIT_MS = 60 * 60 * 1000;
/** Pause before retrying after a pass threw. */
export const FAILED_PASS_BACKOFF_MS = 5_000;
/** Most rows one pass loads; the next pass follows at once when more are due. */
export const DEFAULT_BATCH_SIZE = 500;

/** What the drainer needs. */
export interface OutboxEngineDeps {
  db: Database;
  transport: WhatsAppTransport;
  directory: RecipientDirectory;
  clock: AlertClock;
  logger: Logger;
  metrics: AlertMetrics;
  /** `ALERT_TTL_SECONDS`: older alerts go into the "you missed" digest instead. */
  ttlSeconds: number;
  batchSize?: number;
}

/** The drainer's controls. */
export interface OutboxEngine {
  /** Reconciles leftover `sending` rows, subscribes to link state, and drains. */
  start(): Promise<ReconcileReport>;
  /** Stops waking and waits for the pass in progress; queued rows stay for the next start. */
  stop(): Promise<void>;
  /** Asks for a pass soon (coalesced with one already asked for); a no-op when stopped. */
  wake(): void;
  /** Runs one pass now (after any in progress), started or not. */
  drainOnce(): Promise<DrainReport>;
  /** Resolves once no pass is running or waiting to run. */
  idle(): Promise<void>;
}

/** Creates the drainer (stopped). */
export function createOutboxEngine(deps: OutboxEngineDeps): OutboxEngine {
  const store = createOutboxStore(deps.db);
  const passDeps: PassDeps = {
    store,
    transport: deps.transport,
    directory: deps.directory,
    clock: deps.clock,
    logger: deps.logger,
    metrics: deps.metrics,
    ttlMs: deps.ttlSeconds * 1000,
    batchSize: deps.batchSize ?? DEFAULT_BATCH_SIZE,
  };
  let started = false;
  let wakePending = false;
  let timer: TimerHandle | null = null;
  let unsubscribe: (() => void) | null = null;
  // Passes, the reconciliation and their scheduling never overlap.
  const lane = createSerialQueue();
  const exclusive = <T>(fn: () => Promise<T>) => lane.run(fn);

  function cancelTimer(): void {
    timer?.cancel();
    timer = null;
  }

  /** One timer for the next due row, armed only while the link can send. */
  async function schedule(minDelayMs = 0): Promise<void> {
    cancelTimer();
    if (!started || !isSendable(deps.transport.state())) return;
    const next = await store.nextDueAt();
    if (next === null || !started) return;
    const delay = Math.min(Math.max(minDelayMs, next - deps.clock.now()), MAX_IDLE_WAIT_MS);
    timer = deps.clock.setTimer(() => {
      timer = null;
      wake();
    }, delay);
  }

  function wake(): void {
    if (!started || wakePending) return;
    wakePending = true;
    void exclusive(async () => {
      wakePending = false;
      await runPass(passDeps);
      await schedule();
    }).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'outbox pass failed');
      // A failed pass (e.g. the database was busy) is retried later, never in a tight loop.
      void exclusive(() => schedule(FAILED_PASS_BACKOFF_MS)).catch(() => undefined);
    });
  }

  return {
    async start() {
      if (started) return { markedSent: 0, listedInDigest: 0, failed: 0 };
      started = true;
      unsubscribe = deps.transport.onStateChange((change) => {
        if (isSendable(change.state)) wake();
        else cancelTimer();
      });
      const report = await exclusive(() =>
        reconcileSending({ ...passDeps, now: deps.clock.now() }),
      );
      if (report.markedSent + report.listedInDigest + report.failed > 0) {
        deps.logger.warn(report, 'outbox rows left in sending were reconciled');
      }
      wake();
      return report;
    },
    async stop() {
      started = false;
      unsubscribe?.();
      unsubscribe = null;
      cancelTimer();
      await lane.idle();
      cancelTimer();
    },
    wake,
    drainOnce: () =>
      exclusive(async () => {
        const report = await runPass(passDeps);
        await schedule();
        return report;
      }),
    idle: () => lane.idle(),
  };
}
