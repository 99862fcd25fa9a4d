/**
 * Exactly-once bookkeeping for the reliability suite: events that each carry a unique symbol, a
 * count of where each symbol showed up at the simulated phone, and a reading of the outbox that
 * says by which path every alert left (its own message, a burst message, or a line of the
 * "you missed" digest written by restart reconciliation).
 */
import { OutboxMessage, WebhookEvent, type Database } from '../../../src/db/index.ts';
import { alertIdempotencyKey, SELF_RECIPIENT } from '../../../src/alerts/lanes.ts';
import { buildOrderEvent, type OrderEvent } from '../host-sim/index.ts';
import type { PhoneInboundMessage } from '../wa-sim/index.ts';

/** An event with the unique symbol that identifies it in any alert or burst text. */
export interface TaggedEvent {
  symbol: string;
  event: OrderEvent;
}

/** `count` order.placed events for the owner, symbols `<tag><index>`, timestamped now. */
export function taggedEvents(tag: string, count: number): TaggedEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const symbol = `${tag}${String(index).padStart(4, '0')}`;
    const event = buildOrderEvent('order.placed', {
      timestamp: new Date().toISOString(),
      data: { request_data: { symbol }, response_data: { orderid: `OID${symbol}` } },
    });
    return { symbol, event };
  });
}

/**
 * The phone's messages as its chat shows them: one per WhatsApp message id. Baileys 7.0.0-rc14
 * addresses the owner's own phone twice in one `<message>` on every self-send after the first
 * (`getUSyncDevices([me, me])` answered from its device cache lists device 0 twice), so the
 * simulator hands the phone two copies with the same id; a WhatsApp client keys messages by id
 * and shows one. Different ids are never merged: a resend is a new id and still counts.
 */
export function uniqueById(received: readonly PhoneInboundMessage[]): PhoneInboundMessage[] {
  const seen = new Set<string>();
  return received.filter((message) => !seen.has(message.id) && seen.add(message.id));
}

/** How many times each `Symbol: <tag>…` line appears over the phone's messages (by id). */
export function symbolCounts(
  received: readonly PhoneInboundMessage[],
  tag: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  const pattern = new RegExp(`^Symbol: (${tag}\\d{4})$`, 'gm');
  for (const message of uniqueById(received)) {
    for (const match of (message.text ?? '').matchAll(pattern)) {
      counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
    }
  }
  return counts;
}

/** Alerts announced by "you missed N alerts" digests among the phone's messages. */
export function missedDigestLines(received: readonly PhoneInboundMessage[]): number {
  let total = 0;
  for (const message of uniqueById(received)) {
    const match = /^While disconnected you missed (\d+) alerts?:/.exec(message.text ?? '');
    if (match) total += Number(match[1]);
  }
  return total;
}

/** The outbox row of one webhook's alert to the owner, or null. */
export function alertRow(db: Database, webhookId: string): Promise<OutboxMessage | null> {
  return db
    .em()
    .findOne(OutboxMessage, { idempotencyKey: alertIdempotencyKey(webhookId, SELF_RECIPIENT) });
}

/** Webhook ids in the ledger. */
export async function ledgerIds(db: Database): Promise<Set<string>> {
  const rows = await db.em().find(WebhookEvent, {}, { fields: ['webhookId'] });
  return new Set(rows.map((row) => row.webhookId));
}

/** Rows per `status` (and `sending` split by whether the WhatsApp id was stored). */
export async function outboxCensus(db: Database): Promise<Record<string, number>> {
  const census: Record<string, number> = {};
  for (const row of await db.em().find(OutboxMessage, {})) {
    const key =
      row.status === 'sending' ? `sending_${row.waMessageId ? 'with' : 'without'}_id` : row.status;
    census[`${row.kind}:${key}`] = (census[`${row.kind}:${key}`] ?? 0) + 1;
  }
  return census;
}

/** Send attempts spent beyond the first, over all rows (attempts a failed send burned). */
export async function extraAttempts(db: Database): Promise<number> {
  const rows = await db.em().find(OutboxMessage, { attempts: { $gt: 1 } });
  return rows.reduce((sum, row) => sum + row.attempts - 1, 0);
}

/** Rows still to be worked on (queued or sending). */
export function pendingRows(db: Database): Promise<number> {
  return db.em().count(OutboxMessage, { status: { $in: ['queued', 'sending'] } });
}

/** Resolves once no outbox row is queued or sending (polled: another process may be draining). */
export async function waitForOutboxSettled(db: Database, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingRows(db)) > 0) {
    if (Date.now() > deadline) throw new Error(`outbox not settled: ${await pendingSummary(db)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function pendingSummary(db: Database): Promise<string> {
  return JSON.stringify(await outboxCensus(db));
}

/** How one alert reached its recipient. */
export type DeliveryPath = 'own' | 'burst' | 'digest';

/**
 * The path of a finished alert row: sent alone, sent inside a burst/held carrier, or expired into
 * a "you missed" digest. Throws when the row did not finish in one of those ways.
 */
export async function deliveryPath(db: Database, row: OutboxMessage): Promise<DeliveryPath> {
  if (row.status === 'sent') return row.coalescedInto === null ? 'own' : 'burst';
  if (row.status === 'expired' && row.coalescedInto !== null) {
    const carrier = await db.em().findOne(OutboxMessage, { id: row.coalescedInto });
    if (carrier?.status === 'sent' && carrier.topic === 'digest.missed') return 'digest';
  }
  throw new Error(`alert row ${row.id} ended ${row.status} (${row.errorMessage ?? ''})`);
}
