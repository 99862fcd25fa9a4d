/**
 * Prometheus series of the alert pipeline, registered on the app's registry: queue depth by status
 * and the age of the oldest queued row (both read from the database at scrape time, so they are
 * right after a restart too), delivery latency from event time to WhatsApp's acceptance, and
 * webhook outcomes.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { OUTBOX_STATUSES, OutboxMessage, type Database } from '../db/index.ts';

/** What the pipeline reports. */
export interface AlertMetrics {
  /** One webhook request with its outcome (ledger outcomes, `duplicate`, or a rejection). */
  webhookEvent(outcome: string): void;
  /** One alert accepted by WhatsApp `seconds` after its event. */
  deliveryLatency(seconds: number): void;
}

/** What the scrape-time gauges read. */
export interface AlertMetricsDeps {
  registry: Registry;
  db: Database;
  now: () => number;
}

/** Latency buckets: sub-second when the link is up, minutes to an hour after an outage. */
const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];

/** Registers the series and returns the recorder. */
export function createAlertMetrics(deps: AlertMetricsDeps): AlertMetrics {
  const { db, registry } = deps;
  new Gauge({
    name: 'oaw_outbox_queue_depth',
    help: 'Outbox rows by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const em = db.em();
      for (const status of OUTBOX_STATUSES) {
        this.set({ status }, await em.count(OutboxMessage, { status }));
      }
    },
  });
  new Gauge({
    name: 'oaw_outbox_oldest_queued_age_seconds',
    help: 'Age of the oldest queued outbox row that is due (0 when none)',
    registers: [registry],
    async collect() {
      // Rows held on purpose (quiet hours, mute, burst window) are not a backlog: only due ones count.
      const oldest = await db
        .em()
        .findOne(
          OutboxMessage,
          { status: 'queued', nextAttemptAt: { $lte: new Date(deps.now()) } },
          { orderBy: { createdAt: 'asc' } },
        );
      this.set(oldest ? Math.max(0, (deps.now() - oldest.createdAt.getTime()) / 1000) : 0);
    },
  });
  const latency = new Histogram({
    name: 'oaw_alert_delivery_latency_seconds',
    help: 'Event time to WhatsApp accepting the alert',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const events = new Counter({
    name: 'oaw_webhook_events_total',
    help: 'Order-event webhooks by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    webhookEvent: (outcome) => events.inc({ outcome }),
    deliveryLatency: (seconds) => latency.observe(Math.max(0, seconds)),
  };
}
