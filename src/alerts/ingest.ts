/**
 * Ingest of a verified order event (SPEC §4.3): route it, then write the ledger row (keyed by the
 * `webhook-id`) and its alert rows in one transaction, so a 202 means both are durable. A repeated
 * id, seen in the ledger or caught as a unique violation (a concurrent retry, or an outbox row that
 * outlived its ledger row), creates nothing and answers the same.
 */
import {
  OutboxMessage,
  UniqueConstraintViolationException,
  WebhookEvent,
  type Database,
  type EntityManager,
  type WebhookOutcome,
} from '../db/index.ts';
import type { OrderEvent } from '../http/schemas/order-event.ts';
import type { Logger } from '../logger.ts';
import type { AlertClock } from './clock.ts';
import { alertIdempotencyKey, LANE_HELD, LANE_NORMAL } from './lanes.ts';
import type { AlertMetrics } from './metrics.ts';
import type { RecipientDirectory } from './recipients.ts';
import { routeEvent, type RoutingDecision } from './routing.ts';

/** The ledger keeps ids for 72 h (SPEC asks ≥ 24 h; the host retries for about 6 minutes). */
export const LEDGER_RETENTION_MS = 72 * 60 * 60 * 1000;

/** What ingest did with one delivery. */
export interface IngestResult {
  outcome: WebhookOutcome;
  /** Alert rows written (0 for duplicates and non-sending outcomes). */
  alertCount: number;
}

/** Ingests one verified event under its webhook id. */
export type IngestEvent = (webhookId: string, event: OrderEvent) => Promise<IngestResult>;

/** What ingest needs. */
export interface IngestDeps {
  db: Database;
  directory: RecipientDirectory;
  clock: AlertClock;
  logger: Logger;
  metrics: AlertMetrics;
  /** Called after a commit that queued alerts (wakes the outbox). */
  onQueued(): void;
}

function writeRows(
  em: EntityManager,
  webhookId: string,
  event: OrderEvent,
  decision: RoutingDecision,
  now: number,
): void {
  const eventAt = new Date(event.timestamp);
  em.create(WebhookEvent, {
    webhookId,
    topic: event.type,
    username: event.data.username,
    eventAt,
    receivedAt: new Date(now),
    outcome: decision.outcome,
    alertCount: decision.alerts.length,
  });
  for (const draft of decision.alerts) {
    em.create(OutboxMessage, {
      idempotencyKey: alertIdempotencyKey(webhookId, draft.recipientJid),
      recipientJid: draft.recipientJid,
      kind: 'alert',
      topic: event.type,
      message: draft.message,
      priority: draft.held ? LANE_HELD : LANE_NORMAL,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: new Date(draft.nextAttemptAt),
      eventAt,
      createdAt: new Date(now),
    });
  }
}

/** Creates the ingest function. */
export function createIngest(deps: IngestDeps): IngestEvent {
  const { db, logger, metrics } = deps;
  const duplicate = (webhookId: string): IngestResult => {
    metrics.webhookEvent('duplicate');
    logger.info({ webhookId }, 'duplicate webhook id: already accepted');
    return { outcome: 'duplicate', alertCount: 0 };
  };

  return async function ingest(webhookId, event) {
    if (await db.em().findOne(WebhookEvent, { webhookId })) return duplicate(webhookId);
    const now = deps.clock.now();
    // Reads happen before the transaction: on SQLite it holds the only connection.
    const decision = await routeEvent(event, deps.directory, now);
    try {
      await db.transactional((em) => {
        writeRows(em, webhookId, event, decision, now);
        return Promise.resolve();
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return duplicate(webhookId);
      throw error;
    }
    metrics.webhookEvent(decision.outcome);
    logger.info(
      { webhookId, topic: event.type, outcome: decision.outcome, reason: decision.reason },
      'webhook event accepted',
    );
    if (decision.alerts.length > 0) deps.onQueued();
    return { outcome: decision.outcome, alertCount: decision.alerts.length };
  };
}

/** Deletes ledger rows received before `before`; returns how many went. */
export async function pruneWebhookLedger(db: Database, before: Date): Promise<number> {
  return db.em().nativeDelete(WebhookEvent, { receivedAt: { $lt: before } });
}
