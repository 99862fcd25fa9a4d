/**
 * How outbox rows of this pipeline are marked. The queue table has no column for "why is this
 * alert waiting", so alert rows use its `priority` column as a lane (lower = ordinary): the drainer
 * folds held rows into a quiet-hours digest and burst rows into one message when they come due.
 * Rows written by others (notify, replies) keep the default priority and are sent one by one.
 */
import type { Recipient } from '../whatsapp/transport.ts';

/** An ordinary alert (the column's default, shared with every other kind of row). */
export const LANE_NORMAL = 5;
/** Deferred to the end of a burst window: sent coalesced with the rest of the burst. */
export const LANE_BURST = 6;
/** Held by quiet hours or mute: sent as part of one digest when the hold ends. */
export const LANE_HELD = 7;

/** `recipient_jid` marker for the owner's own chat, resolved by the transport at send time. */
export const SELF_RECIPIENT = 'self';

/** Carrier rows (`kind = 'digest'`) are labelled by what they carry, in the `topic` column. */
export const CARRIER_TOPICS = {
  missed: 'digest.missed',
  held: 'digest.held',
  burst: 'digest.burst',
} as const;

/** One of {@link CARRIER_TOPICS}' keys. */
export type CarrierType = keyof typeof CARRIER_TOPICS;

/** The transport recipient for a stored `recipient_jid`. */
export function toRecipient(recipientJid: string): Recipient {
  return recipientJid === SELF_RECIPIENT ? { kind: 'self' } : { kind: 'jid', jid: recipientJid };
}

/** The outbox idempotency key of an alert: webhook id + recipient (one alert per pair, ever). */
export function alertIdempotencyKey(webhookId: string, recipientJid: string): string {
  return `alert:${webhookId}:${recipientJid}`;
}
