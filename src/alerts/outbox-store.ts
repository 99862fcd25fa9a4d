/**
 * The outbox's database operations. Every state change is one short statement or transaction on
 * a fresh fork, guarded by the expected current status, so a row can never be claimed twice and a
 * sent row never goes back to the queue.
 */
import {
  OutboxMessage,
  type Database,
  type EntityManager,
  type OutboxStatus,
} from '../db/index.ts';
import { CARRIER_TOPICS, LANE_BURST, type CarrierType } from './lanes.ts';
import { orderTime } from './outbox-plan.ts';

/** A carrier to write: what it carries, its text and its members (all of one recipient). */
export interface CarrierDraft {
  type: CarrierType;
  recipientJid: string;
  message: string;
  members: OutboxMessage[];
  /** The status the members must be in now (`queued`, or `sending` when reconciling). */
  from: OutboxStatus;
}

type Where = Record<string, unknown>;

function update(em: EntityManager, where: Where, data: Partial<OutboxMessage>): Promise<number> {
  return em.nativeUpdate(OutboxMessage, where, data);
}

/** Queued rows due at `now`, oldest event first, at most `limit`. */
function loadDue(db: Database, now: number, limit: number): Promise<OutboxMessage[]> {
  return db
    .em()
    .find(
      OutboxMessage,
      { status: 'queued', nextAttemptAt: { $lte: new Date(now) } },
      { orderBy: { eventAt: 'asc', id: 'asc' }, limit },
    );
}

/** When this recipient's individually sent alerts since `since` were claimed (ms). */
async function recentIndividualSends(
  db: Database,
  recipientJid: string,
  since: number,
): Promise<number[]> {
  const rows = await db.em().find(
    OutboxMessage,
    {
      recipientJid,
      kind: 'alert',
      coalescedInto: null,
      status: { $in: ['sending', 'sent'] },
      sendingAt: { $gte: new Date(since) },
    },
    { fields: ['sendingAt'] },
  );
  return rows.map((row) => row.sendingAt?.getTime() ?? since);
}

/**
 * Writes a carrier and moves its members under it in one transaction: missed-digest members
 * become `expired` (final), burst and held members `sending` until the carrier is sent.
 */
function fold(db: Database, draft: CarrierDraft, now: number): Promise<OutboxMessage> {
  return db.transactional(async (em) => {
    const carrier = em.create(OutboxMessage, {
      idempotencyKey: `${draft.type}:${draft.recipientJid}:${draft.members[0]!.id}`,
      recipientJid: draft.recipientJid,
      kind: 'digest',
      topic: CARRIER_TOPICS[draft.type],
      message: draft.message,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: new Date(now),
      eventAt: new Date(Math.min(...draft.members.map(orderTime))),
      createdAt: new Date(now),
    });
    await em.flush();
    const ids = draft.members.map((row) => row.id);
    const status: OutboxStatus = draft.type === 'missed' ? 'expired' : 'sending';
    const moved = await update(
      em,
      { id: { $in: ids }, status: draft.from },
      { status, coalescedInto: carrier.id, sendingAt: new Date(now) },
    );
    // Rolls the carrier back if any member changed under us: nothing is folded twice.
    if (moved !== ids.length) throw new Error('outbox rows changed while folding');
    return carrier;
  });
}

/** sending → sent with the WhatsApp id in the same statement; a carrier's members with it. */
function markSent(db: Database, row: OutboxMessage, messageId: string, now: number) {
  return db.transactional(async (em) => {
    const sent = { status: 'sent' as const, sentAt: new Date(now), waMessageId: messageId };
    await update(em, { id: row.id, status: 'sending' }, { ...sent, errorMessage: null });
    await update(em, { coalescedInto: row.id, status: 'sending' }, sent);
  });
}

/** → failed for good, a carrier's pending members with it. */
function fail(db: Database, row: OutboxMessage, reason: string) {
  return db.transactional(async (em) => {
    const failed = { status: 'failed' as const, errorMessage: reason };
    await update(em, { id: row.id, status: 'sending' }, failed);
    await update(em, { coalescedInto: row.id, status: 'sending' }, failed);
  });
}

/** When the earliest queued row comes due (ms), or null when the queue is empty. */
async function nextDueAt(db: Database): Promise<number | null> {
  const next = await db
    .em()
    .findOne(OutboxMessage, { status: 'queued' }, { orderBy: { nextAttemptAt: 'asc' } });
  return next ? next.nextAttemptAt.getTime() : null;
}

/** Status of one row, or null when it is gone. */
async function statusOf(db: Database, id: number): Promise<OutboxStatus | null> {
  const row = await db.em().findOne(OutboxMessage, { id }, { fields: ['status'] });
  return row ? row.status : null;
}

/** Creates the store over `db`. */
export function createOutboxStore(db: Database) {
  return {
    loadDue: (now: number, limit: number) => loadDue(db, now, limit),
    recentIndividualSends: (recipientJid: string, since: number) =>
      recentIndividualSends(db, recipientJid, since),
    fold: (draft: CarrierDraft, now: number) => fold(db, draft, now),
    /** Moves over-threshold alerts to the burst lane, due at `until`; no attempt is spent. */
    defer: (rows: OutboxMessage[], until: number) =>
      update(
        db.em(),
        { id: { $in: rows.map((row) => row.id) }, status: 'queued' },
        { priority: LANE_BURST, nextAttemptAt: new Date(until) },
      ),
    /** queued → sending with attempts + 1; false when someone else changed it first. */
    claim: async (row: OutboxMessage, now: number) =>
      (await update(
        db.em(),
        { id: row.id, status: 'queued' },
        { status: 'sending', sendingAt: new Date(now), attempts: row.attempts + 1 },
      )) === 1,
    markSent: (row: OutboxMessage, messageId: string, now: number) =>
      markSent(db, row, messageId, now),
    /** sending → queued without spending the attempt (the link was not open). */
    release: (row: OutboxMessage) =>
      update(
        db.em(),
        { id: row.id, status: 'sending' },
        { status: 'queued', sendingAt: null, attempts: row.attempts },
      ),
    /** sending → queued, retried at `at`, keeping the spent attempt and the reason. */
    retryLater: (row: OutboxMessage, at: number, reason: string) =>
      update(
        db.em(),
        { id: row.id, status: 'sending' },
        { status: 'queued', sendingAt: null, nextAttemptAt: new Date(at), errorMessage: reason },
      ),
    fail: (row: OutboxMessage, reason: string) => fail(db, row, reason),
    nextDueAt: () => nextDueAt(db),
    /** Every row left in `sending` (boot reconciliation). */
    loadSending: () =>
      db.em().find(OutboxMessage, { status: 'sending' }, { orderBy: { id: 'asc' } }),
    statusOf: (id: number) => statusOf(db, id),
  };
}

/** The store's operations. */
export type OutboxStore = ReturnType<typeof createOutboxStore>;
