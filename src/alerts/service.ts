/**
 * The alert pipeline, wired: the webhook route (ingest into the ledger and the outbox), the
 * recipient directory, the outbox drainer and the metrics. The app builds it once, mounts
 * `router`, calls `start()` once the link exists and `stop()` before closing the database.
 */
import type Router from '@koa/router';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Lifecycle } from '../http/lifecycle.ts';
import { webhookRoutes } from '../http/routes/webhooks.ts';
import type { Logger } from '../logger.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { systemClock, type AlertClock, type TimerHandle } from './clock.ts';
import {
  createIngest,
  LEDGER_RETENTION_MS,
  pruneWebhookLedger,
  type IngestEvent,
} from './ingest.ts';
import { createAlertMetrics } from './metrics.ts';
import { createOutboxEngine, type DrainReport } from './outbox.ts';
import type { ReconcileReport } from './outbox-reconcile.ts';
import { createRecipientDirectory } from './recipients.ts';

/** How often the webhook ledger is pruned. */
export const LEDGER_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** What the alert pipeline is built from. */
export interface AlertServiceDeps {
  db: Database;
  transport: WhatsAppTransport;
  settings: Pick<OwnerSettings, 'getOwnerUsername' | 'getOwnerPreferences'>;
  logger: Logger;
  registry: Registry;
  config: Pick<Config, 'webhookSecret' | 'alertTtlSeconds'>;
  lifecycle: Lifecycle;
  /** Webhook secrets accepted now (admin rotation); default `[config.webhookSecret]`. */
  webhookSecrets?: () => Promise<string[]>;
  /** Injected time (tests); default the system clock. */
  clock?: AlertClock;
}

/** The wired pipeline. */
export interface AlertService {
  /** `POST /webhooks/openalgo`. */
  router: Router;
  /** Ingest without HTTP (verified events only). */
  ingest: IngestEvent;
  /** Reconciles leftover `sending` rows, starts the drainer and the hourly ledger pruning. */
  start(): Promise<ReconcileReport>;
  /** Stops the drainer and the pruning; waits for a pass in progress. */
  stop(): Promise<void>;
  /** Asks the drainer for a pass (e.g. after another module queued outbox rows). */
  wake(): void;
  /** One pass now (tests). */
  drainOnce(): Promise<DrainReport>;
  /** Resolves when the drainer has nothing running or waiting (tests). */
  idle(): Promise<void>;
  /** Deletes ledger rows older than the retention; returns how many. */
  pruneLedger(): Promise<number>;
}

/** Builds the pipeline (stopped). */
export function createAlertService(deps: AlertServiceDeps): AlertService {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ module: 'alerts' });
  const metrics = createAlertMetrics({
    registry: deps.registry,
    db: deps.db,
    now: () => clock.now(),
  });
  const directory = createRecipientDirectory({ db: deps.db, settings: deps.settings });
  const engine = createOutboxEngine({
    db: deps.db,
    transport: deps.transport,
    directory,
    clock,
    logger,
    metrics,
    ttlSeconds: deps.config.alertTtlSeconds,
  });
  const ingest = createIngest({
    db: deps.db,
    directory,
    clock,
    logger,
    metrics,
    onQueued: () => engine.wake(),
  });
  const router = webhookRoutes({
    lifecycle: deps.lifecycle,
    secret: deps.config.webhookSecret,
    ...(deps.webhookSecrets ? { secrets: deps.webhookSecrets } : {}),
    ingest,
    onRejected: (reason) => metrics.webhookEvent(reason),
  });
  let pruneTimer: TimerHandle | null = null;
  const pruneLedger = () =>
    pruneWebhookLedger(deps.db, new Date(clock.now() - LEDGER_RETENTION_MS));
  const prunePeriodically = () => {
    pruneLedger()
      .then((count) => count > 0 && logger.info({ count }, 'webhook ledger pruned'))
      .catch((error: unknown) => logger.error({ err: error }, 'webhook ledger prune failed'))
      .finally(() => {
        if (pruneTimer) pruneTimer = clock.setTimer(prunePeriodically, LEDGER_PRUNE_INTERVAL_MS);
      });
  };

  return {
    router,
    ingest,
    async start() {
      const report = await engine.start();
      pruneTimer ??= clock.setTimer(prunePeriodically, 0);
      return report;
    },
    async stop() {
      pruneTimer?.cancel();
      pruneTimer = null;
      await engine.stop();
    },
    wake: () => engine.wake(),
    drainOnce: () => engine.drainOnce(),
    idle: () => engine.idle(),
    pruneLedger,
  };
}
