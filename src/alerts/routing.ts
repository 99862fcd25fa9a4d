/**
 * Routing decisions for a verified order event (SPEC §4.2, §4.4), made at ingest so the 202 means
 * the alert rows exist: ignore unknown topics, record failure topics and per-leg events of a
 * basket or split, drop events nobody is linked for, honour each recipient's preference for the
 * topic, and hold non-urgent alerts through quiet hours and mute.
 */
import type { WebhookOutcome } from '../db/index.ts';
import type { OrderEvent } from '../http/schemas/order-event.ts';
import { renderAlert } from '../presenters/alerts/index.ts';
import type { AlertPreferences } from '../settings/owner-settings.ts';
import { holdUntil } from './quiet-hours.ts';
import type { RecipientDirectory, RecipientTarget } from './recipients.ts';
import { classifyTopic, preferenceForTopic, type SendTopic } from './topics.ts';

/** One alert row to write: who, what text, and when it may first be sent. */
export interface AlertDraft {
  recipientJid: string;
  /** The rendered alert, in the recipient's timezone. */
  message: string;
  /** True when quiet hours or mute hold it until `nextAttemptAt`. */
  held: boolean;
  /** ms since the epoch. */
  nextAttemptAt: number;
}

/** Why an event produced no alert (for the log), or `alert` when it did. */
export type RoutingReason =
  'unknown_topic' | 'failure_topic' | 'per_leg' | 'no_recipient' | 'preference_off' | 'alert';

/** What to do with an event: the ledger outcome and the alert rows (none unless `queued`). */
export interface RoutingDecision {
  outcome: WebhookOutcome;
  reason: RoutingReason;
  alerts: AlertDraft[];
}

const none = (outcome: WebhookOutcome, reason: RoutingReason): RoutingDecision => ({
  outcome,
  reason,
  alerts: [],
});

/** True when `data.parent_id` marks a per-leg event of a basket or split (alerted as a whole). */
function isPerLeg(event: OrderEvent): boolean {
  const parent = event.data.parent_id;
  return parent !== undefined && parent !== null && String(parent).trim() !== '';
}

/**
 * The decision that needs no recipient lookup (unknown topic, failure topic, per-leg event), or
 * null when the event is a sending topic that must be routed.
 */
export function preliminaryDecision(event: OrderEvent): RoutingDecision | null {
  const disposition = classifyTopic(event.type);
  if (disposition === 'ignore') return none('ignored', 'unknown_topic');
  if (disposition === 'record') return none('recorded', 'failure_topic');
  if (isPerLeg(event)) return none('recorded', 'per_leg');
  return null;
}

/**
 * True for alerts that go out even in quiet hours: an error response (live or analyze) or a
 * broker rejection (`order.update` with status rejected).
 */
export function isUrgent(event: OrderEvent): boolean {
  const status = event.data.response_data.status;
  if (typeof status === 'string' && status.trim().toLowerCase() === 'error') return true;
  if (event.type !== 'order.update') return false;
  const orderStatus = event.data.order_status ?? event.data.response_data.order_status;
  return typeof orderStatus === 'string' && orderStatus.trim().toLowerCase() === 'rejected';
}

function topicEnabled(topic: SendTopic, preferences: AlertPreferences): boolean {
  return preferenceForTopic(topic) === 'trade_notifications'
    ? preferences.tradeNotifications
    : preferences.orderNotifications;
}

/**
 * The alert rows for a sending-topic event and its targets at time `now` (ms): recipients whose
 * preference is off are skipped; no targets → `dropped`; all skipped → `recorded`.
 */
export function planAlerts(
  event: OrderEvent,
  targets: RecipientTarget[],
  now: number,
): RoutingDecision {
  if (targets.length === 0) return none('dropped', 'no_recipient');
  const topic = event.type as SendTopic;
  const urgent = isUrgent(event);
  const alerts = targets
    .filter((target) => topicEnabled(topic, target.preferences))
    .map((target): AlertDraft => {
      const hold = holdUntil(target.preferences, now, urgent);
      return {
        recipientJid: target.recipientJid,
        message: renderAlert(event, { timeZone: target.preferences.timezone }),
        held: hold !== null,
        nextAttemptAt: hold ?? now,
      };
    });
  if (alerts.length === 0) return none('recorded', 'preference_off');
  return { outcome: 'queued', reason: 'alert', alerts };
}

/** Routes an event: the preliminary checks, then the recipient lookup and the plan. */
export async function routeEvent(
  event: OrderEvent,
  directory: RecipientDirectory,
  now: number,
): Promise<RoutingDecision> {
  const early = preliminaryDecision(event);
  if (early) return early;
  const targets = await directory.targetsFor(event.data.username);
  return planAlerts(event, targets, now);
}
