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

/** Status members of a carrier take until it is sent: expired ones are final at once. */
function memberStatus(type: CarrierType): OutboxStatus {
  return type === 'missed' ? 'expired' : 'sending';
}

/** Creates the store over `db`. */
export function createOutboxStore(db: Database) {
  const update = (
    where: Record<string, unknown>,
    data: Partial<OutboxMessage>,
    em: EntityManager = db.em(),
  ) => em.nativeUpdate(OutboxMessage, where, data);

  return {
    /** Queued rows due at `now`, oldest event first, at most `limit`. */
    loadDue: (now: number, limit: number) =>
      db
        .em()
        .find(
          OutboxMessage,
          { status: 'queued', nextAttemptAt: { $lte: new Date(now) } },
          { orderBy: { eventAt: 'asc', id: 'asc' }, limit },
        ),

    /** When this recipient's individually sent alerts since `since` were claimed. */
    async recentIndividualSends(recipientJid: string, since: number): Promise<number[]> {
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
    },

    /** Writes a carrier and moves its members under it, in one transaction. */
    fold: (draft: CarrierDraft, now: number): Promise<OutboxMessage> =>
      db.transactional(async (em) => {
        const first = draft.members[0]!;
        const carrier = em.create(OutboxMessage, {
          idempotencyKey: `${draft.type}:${draft.recipientJid}:${first.id}`,
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
        const moved = await update(
          { id: { $in: ids }, status: draft.from },
          { status: memberStatus(draft.type), coalescedInto: carrier.id, sendingAt: new Date(now) },
          em,
        );
        // Rolls the carrier back if any member changed under us: nothing folded twice.
        if (moved !== ids.length) throw new Error('outbox rows changed while folding');
        return carrier;
      }),

    /** Moves over-threshold alerts to the burst lane, due at `until`; no attempt is spent. */
    defer: (rows: OutboxMessage[], until: number) =>
      update(
        { id: { $in: rows.map((row) => row.id) }, status: 'queued' },
        { priority: LANE_BURST, nextAttemptAt: new Date(until) },
      ),

    /** queued → sending with attempts + 1; false when someone else changed it first. */
    async claim(row: OutboxMessage, now: number): Promise<boolean> {
      const claimed = await update(
        { id: row.id, status: 'queued' },
        { status: 'sending', sendingAt: new Date(now), attempts: row.attempts + 1 },
      );
      return claimed === 1;
    },

    /** sending → sent with the WhatsApp id in the same statement; members of a carrier too. */
    markSent: (row: OutboxMessage, messageId: string, now: number) =>
      db.transactional(async (em) => {
        const sent = { status: 'sent' as const, sentAt: new Date(now), waMessageId: messageId };
        await update({ id: row.id, status: 'sending' }, { ...sent, errorMessage: null }, em);
        await update({ coalescedInto: row.id, status: 'sending' }, sent, em);
      }),

    /** sending → queued without spending the attempt (the link was not open). */
    release: (row: OutboxMessage) =>
      update(
        { id: row.id, status: 'sending' },
        { status: 'queued', sendingAt: null, attempts: row.attempts },
      ),

    /** sending → queued, retried at `at`, keeping the spent attempt and the reason. */
    retryLater: (row: OutboxMessage, at: number, reason: string) =>
      update(
        { id: row.id, status: 'sending' },
        { status: 'queued', sendingAt: null, nextAttemptAt: new Date(at), errorMessage: reason },
      ),

    /** → failed for good (a carrier's pending members with it). */
    fail: (row: OutboxMessage, reason: string, from: OutboxStatus = 'sending') =>
      db.transactional(async (em) => {
        await update({ id: row.id, status: from }, { status: 'failed', errorMessage: reason }, em);
        await update(
          { coalescedInto: row.id, status: 'sending' },
          { status: 'failed', errorMessage: reason },
          em,
        );
      }),

    /** When the earliest queued row comes due, or null when the queue is empty. */
    async nextDueAt(): Promise<number | null> {
      const next = await db
        .em()
        .findOne(OutboxMessage, { status: 'queued' }, { orderBy: { nextAttemptAt: 'asc' } });
      return next ? next.nextAttemptAt.getTime() : null;
    },

    /** Every row left in `sending` (boot reconciliation). */
    loadSending: () =>
      db.em().find(OutboxMessage, { status: 'sending' }, { orderBy: { id: 'asc' } }),

    /** Status of one row, or null when it is gone. */
    async statusOf(id: number): Promise<OutboxStatus | null> {
      const row = await db.em().findOne(OutboxMessage, { id }, { fields: ['status'] });
      return row ? row.status : null;
    },
  };
}

/** The store's operations. */
export type OutboxStore = ReturnType<typeof createOutboxStore>;
