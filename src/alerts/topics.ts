/**
 * The topic catalogue of SPEC §4.2: which host event topics become WhatsApp alerts, which are only
 * recorded (failure floods must not spam the phone), and which per-recipient preference gates each
 * sending topic. Anything not listed is accepted and ignored, so a newer host never gets a 400 for a
 * topic we have not heard of yet.
 */

/** Topics that produce an alert (subject to the recipient's preference, §4.4). */
export const SEND_TOPICS = [
  'order.placed',
  'order.no_action',
  'order.modified',
  'order.cancelled',
  'orders.all_cancelled',
  'position.closed',
  'basket.completed',
  'split.completed',
  'options.completed',
  'multiorder.completed',
  'gtt.placed',
  'gtt.modified',
  'gtt.cancelled',
  'gtt.triggered',
  'gtt.expired',
  'order.update',
] as const;

/** Failure topics: accepted, recorded and counted in stats, never sent. */
export const RECORD_ONLY_TOPICS = [
  'order.failed',
  'order.modify_failed',
  'order.cancel_failed',
  'analyzer.error',
  'gtt.failed',
  'gtt.modify_failed',
  'gtt.cancel_failed',
] as const;

/** A topic that produces an alert. */
export type SendTopic = (typeof SEND_TOPICS)[number];
/** A topic that is recorded but never sent. */
export type RecordOnlyTopic = (typeof RECORD_ONLY_TOPICS)[number];
/** Every topic the catalogue knows. */
export type KnownTopic = SendTopic | RecordOnlyTopic;
/** What the webhook does with an event of a given topic. */
export type TopicDisposition = 'send' | 'record' | 'ignore';

/** Per-recipient preference keys that gate alert topics. */
export type AlertPreference = 'order_notifications' | 'trade_notifications';

/**
 * Defaults for a recipient that has not chosen: order alerts on, broker fills and rejections
 * (`order.update`) off, because fills can be frequent and OpenAlgo never sent them.
 */
export const ALERT_PREFERENCE_DEFAULTS: Readonly<Record<AlertPreference, boolean>> = Object.freeze({
  order_notifications: true,
  trade_notifications: false,
});

/**
 * Shape family of a topic's `data`, which selects the typed fields the schema checks and the body
 * renderer. `order`: single-order operations; `batch`: multi-order results; `gtt`: GTT triggers;
 * `update`: broker order status updates.
 */
export type TopicFamily = 'order' | 'batch' | 'gtt' | 'update';

const SEND_SET: ReadonlySet<string> = new Set(SEND_TOPICS);
const RECORD_SET: ReadonlySet<string> = new Set(RECORD_ONLY_TOPICS);

const FAMILY_BY_TOPIC: ReadonlyMap<string, TopicFamily> = new Map<KnownTopic, TopicFamily>([
  ['order.placed', 'order'],
  ['order.no_action', 'order'],
  ['order.modified', 'order'],
  ['order.cancelled', 'order'],
  ['orders.all_cancelled', 'order'],
  ['position.closed', 'order'],
  ['order.failed', 'order'],
  ['order.modify_failed', 'order'],
  ['order.cancel_failed', 'order'],
  ['analyzer.error', 'order'],
  ['basket.completed', 'batch'],
  ['split.completed', 'batch'],
  ['options.completed', 'batch'],
  ['multiorder.completed', 'batch'],
  ['gtt.placed', 'gtt'],
  ['gtt.modified', 'gtt'],
  ['gtt.cancelled', 'gtt'],
  ['gtt.triggered', 'gtt'],
  ['gtt.expired', 'gtt'],
  ['gtt.failed', 'gtt'],
  ['gtt.modify_failed', 'gtt'],
  ['gtt.cancel_failed', 'gtt'],
  ['order.update', 'update'],
]);

/** True when `type` is a topic that produces an alert. */
export function isSendTopic(type: string): type is SendTopic {
  return SEND_SET.has(type);
}

/** True when `type` is a failure topic that is recorded but never sent. */
export function isRecordOnlyTopic(type: string): type is RecordOnlyTopic {
  return RECORD_SET.has(type);
}

/** True when the catalogue knows `type` (sending or record-only). */
export function isKnownTopic(type: string): type is KnownTopic {
  return SEND_SET.has(type) || RECORD_SET.has(type);
}

/** What to do with an event of this topic: send an alert, only record it, or ignore it. */
export function classifyTopic(type: string): TopicDisposition {
  if (SEND_SET.has(type)) return 'send';
  if (RECORD_SET.has(type)) return 'record';
  return 'ignore';
}

/** The preference that must be on for the recipient to get alerts of this sending topic. */
export function preferenceForTopic(topic: SendTopic): AlertPreference {
  return topic === 'order.update' ? 'trade_notifications' : 'order_notifications';
}

/** The shape family of a known topic, or undefined for topics the catalogue does not know. */
export function topicFamily(type: string): TopicFamily | undefined {
  return FAMILY_BY_TOPIC.get(type);
}

/** Every known topic of a family, in catalogue order (used to build the per-family schemas). */
export function topicsOfFamily(family: TopicFamily): KnownTopic[] {
  return [...SEND_TOPICS, ...RECORD_ONLY_TOPICS].filter((t) => FAMILY_BY_TOPIC.get(t) === family);
}
