/**
 * One drain pass of the outbox: load the due rows, plan each recipient's (TTL digest, held digest,
 * burst cap), write the carriers, then send each recipient's rows in order, recipients side by
 * side (the transport paces each chat at 20/min, so one busy chat must not hold up the others).
 */
import { NotPairedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { OutboxMessage } from '../db/index.ts';
import type { LinkState, WhatsAppTransport } from '../whatsapp/transport.ts';
import { retryDelayMs } from './backoff.ts';
import type { AlertClock } from './clock.ts';
import { toRecipient, type CarrierType } from './lanes.ts';
import type { AlertMetrics } from './metrics.ts';
import { carrierText, contentFor } from './outbox-content.ts';
import { BURST_WINDOW_MS, orderTime, planRecipient, sortRows } from './outbox-plan.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { RecipientDirectory } from './recipients.ts';

/** Attempts after which a row is marked `failed` (≈ 6 minutes of capped backoff). */
export const MAX_SEND_ATTEMPTS = 10;

/** What a pass did. */
export interface DrainReport {
  sent: number;
  retried: number;
  failed: number;
  /** Carrier rows written (missed, held and burst digests). */
  carriers: number;
  /** Alerts moved to the burst lane. */
  deferred: number;
  /** True when the link was (or went) down: the rest waits for `open`. */
  linkDown: boolean;
}

/** What a pass needs. */
export interface PassDeps {
  store: OutboxStore;
  transport: WhatsAppTransport;
  directory: RecipientDirectory;
  clock: AlertClock;
  logger: Logger;
  metrics: AlertMetrics;
  ttlMs: number;
  batchSize: number;
}

interface PassContext {
  deps: PassDeps;
  report: DrainReport;
  /** Event times of the alerts each carrier stands for (latency metric). */
  memberTimes: Map<number, number[]>;
}

/** States in which the transport accepts sends. */
export function isSendable(state: LinkState): boolean {
  return state === 'open' || state === 'degraded';
}

async function foldInto(
  ctx: PassContext,
  type: CarrierType,
  recipientJid: string,
  members: OutboxMessage[],
  now: number,
): Promise<OutboxMessage> {
  const { timezone } = await ctx.deps.directory.preferencesFor(recipientJid);
  const message = carrierText(type, members, timezone);
  const carrier = await ctx.deps.store.fold(
    { type, recipientJid, message, members, from: 'queued' },
    now,
  );
  if (type !== 'missed') ctx.memberTimes.set(carrier.id, members.map(orderTime));
  ctx.report.carriers += 1;
  return carrier;
}

/** Plans one recipient's due rows and returns what to send, oldest first. */
async function prepareRecipient(
  ctx: PassContext,
  recipientJid: string,
  rows: OutboxMessage[],
  now: number,
): Promise<OutboxMessage[]> {
  const { store, ttlMs } = ctx.deps;
  const recentSends = await store.recentIndividualSends(recipientJid, now - BURST_WINDOW_MS);
  const plan = planRecipient(rows, { now, ttlMs, recentSends });
  const queue = [...plan.send];
  if (plan.expired.length > 0) {
    queue.push(await foldInto(ctx, 'missed', recipientJid, plan.expired, now));
  }
  for (const group of plan.held) queue.push(await foldInto(ctx, 'held', recipientJid, group, now));
  for (const group of plan.burst) {
    queue.push(await foldInto(ctx, 'burst', recipientJid, group, now));
  }
  if (plan.defer) {
    await store.defer(plan.defer.rows, plan.defer.until);
    ctx.report.deferred += plan.defer.rows.length;
  }
  return sortRows(queue);
}

async function handleFailure(
  ctx: PassContext,
  row: OutboxMessage,
  error: unknown,
): Promise<boolean> {
  const { store, transport, clock, logger } = ctx.deps;
  if (error instanceof NotPairedError || !isSendable(transport.state())) {
    // Not WhatsApp refusing the message: the link is down. The attempt is given back.
    await store.release(row);
    ctx.report.linkDown = true;
    return false;
  }
  const attempts = row.attempts + 1;
  const reason = (error instanceof Error ? error.message : 'send failed').slice(0, 200);
  const errorName = error instanceof Error ? error.name : 'unknown';
  if (attempts >= MAX_SEND_ATTEMPTS) {
    await store.fail(row, reason);
    ctx.report.failed += 1;
    logger.warn({ outboxId: row.id, attempts, err: errorName }, 'outbox row failed for good');
    return true;
  }
  await store.retryLater(row, clock.now() + retryDelayMs(attempts, clock.random()), reason);
  ctx.report.retried += 1;
  logger.info({ outboxId: row.id, attempts, err: errorName }, 'outbox send failed; will retry');
  return true;
}

/** Sends one row; false when the link is down and the chain must stop. */
async function sendRow(ctx: PassContext, row: OutboxMessage): Promise<boolean> {
  const { store, transport, clock, metrics } = ctx.deps;
  if (!isSendable(transport.state())) {
    ctx.report.linkDown = true;
    return false;
  }
  if (!(await store.claim(row, clock.now()))) return true;
  let messageId: string;
  try {
    const content = contentFor(row, clock.now());
    messageId = (await transport.send(toRecipient(row.recipientJid), content)).messageId;
  } catch (error) {
    return handleFailure(ctx, row, error);
  }
  const sentAt = clock.now();
  await store.markSent(row, messageId, sentAt);
  ctx.report.sent += 1;
  const times = row.kind === 'alert' ? [orderTime(row)] : (ctx.memberTimes.get(row.id) ?? []);
  for (const eventAt of times) metrics.deliveryLatency((sentAt - eventAt) / 1000);
  return true;
}

async function sendChain(ctx: PassContext, rows: OutboxMessage[]): Promise<void> {
  for (const row of rows) {
    if (!(await sendRow(ctx, row))) return;
  }
}

function groupByRecipient(rows: OutboxMessage[]): Map<string, OutboxMessage[]> {
  const groups = new Map<string, OutboxMessage[]>();
  for (const row of rows)
    groups.set(row.recipientJid, [...(groups.get(row.recipientJid) ?? []), row]);
  return groups;
}

/** Runs one pass at the clock's current time. */
export async function runPass(deps: PassDeps): Promise<DrainReport> {
  const report: DrainReport = {
    sent: 0,
    retried: 0,
    failed: 0,
    carriers: 0,
    deferred: 0,
    linkDown: false,
  };
  if (!isSendable(deps.transport.state())) return { ...report, linkDown: true };
  const ctx: PassContext = { deps, report, memberTimes: new Map() };
  const now = deps.clock.now();
  const chains: OutboxMessage[][] = [];
  for (const [recipientJid, rows] of groupByRecipient(
    await deps.store.loadDue(now, deps.batchSize),
  )) {
    chains.push(await prepareRecipient(ctx, recipientJid, rows, now));
  }
  await Promise.all(chains.map((rows) => sendChain(ctx, rows)));
  return report;
}
