/**
 * What to do with one recipient's due outbox rows in a drain pass, as a pure function: alerts past
 * the TTL are folded into a "you missed" digest, held ones (quiet hours, mute) into a digest of
 * their own, and a burst (more than 5 alerts within 10 s) is capped: the first 5 go one by one,
 * the rest wait for the end of the window and then go as one message listing them.
 */
import { LANE_BURST, LANE_HELD } from './lanes.ts';

/** More alerts than this for one recipient within {@link BURST_WINDOW_MS} are coalesced. */
export const BURST_THRESHOLD = 5;
/** The burst window. */
export const BURST_WINDOW_MS = 10_000;
/** Most alerts one burst or held-digest message lists; more are split evenly over messages. */
export const CARRIER_MAX_ITEMS = 20;

/** The fields of an outbox row the plan reads. */
export interface PlanRow {
  id: number;
  kind: string;
  priority: number;
  eventAt?: Date | null;
  createdAt: Date;
}

/** The plan for one recipient; every input row lands in exactly one place. */
export interface RecipientPlan<R extends PlanRow> {
  /** Alerts older than the TTL: one "missed" digest (empty: none). */
  expired: R[];
  /** Held alerts whose hold ended, in digest-sized groups. */
  held: R[][];
  /** Burst alerts, in message-sized groups. */
  burst: R[][];
  /** Alerts over the burst threshold: moved to the burst lane until `until`. */
  defer: { rows: R[]; until: number } | null;
  /** Rows sent one by one (other kinds, ordinary alerts, groups of one). */
  send: R[];
}

/** Inputs besides the rows. */
export interface PlanInput {
  now: number;
  ttlMs: number;
  /** When this recipient's individually sent alerts of the last window were sent (ms). */
  recentSends: number[];
}

/** The time a row sorts by: its event time, else when it was queued. */
export function orderTime(row: Pick<PlanRow, 'eventAt' | 'createdAt'>): number {
  return (row.eventAt ?? row.createdAt).getTime();
}

/** Rows oldest first (ties by id), without changing the input. */
export function sortRows<R extends PlanRow>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => orderTime(a) - orderTime(b) || a.id - b.id);
}

/** Splits rows into the fewest groups of at most `max`, sizes as even as possible. */
export function chunkEvenly<T>(items: readonly T[], max: number): T[][] {
  const groups = Math.ceil(items.length / max);
  const chunks: T[][] = [];
  let start = 0;
  for (let index = 0; index < groups; index += 1) {
    const size = Math.ceil((items.length - start) / (groups - index));
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/** Groups of two or more become messages; a lone row is simply sent. */
function splitGroups<R>(rows: R[], send: R[]): R[][] {
  const groups = chunkEvenly(rows, CARRIER_MAX_ITEMS);
  if (groups.length === 1 && groups[0]!.length === 1) {
    send.push(groups[0]![0]!);
    return [];
  }
  return groups;
}

/** Ordinary alerts: up to the threshold one by one, the rest deferred to the window's end. */
function planLive<R extends PlanRow>(live: R[], input: PlanInput, plan: RecipientPlan<R>): void {
  if (live.some((row) => row.priority === LANE_BURST)) {
    // The window of a burst has closed: everything due now goes in the burst message(s).
    plan.burst = splitGroups(live, plan.send);
    return;
  }
  const allowed = Math.max(0, BURST_THRESHOLD - input.recentSends.length);
  plan.send.push(...live.slice(0, allowed));
  const rest = live.slice(allowed);
  if (rest.length === 0) return;
  const windowStart = Math.min(input.now, ...input.recentSends);
  plan.defer = { rows: rest, until: windowStart + BURST_WINDOW_MS };
}

/** Plans one recipient's due rows (any order) at `input.now`. */
export function planRecipient<R extends PlanRow>(
  rows: readonly R[],
  input: PlanInput,
): RecipientPlan<R> {
  const plan: RecipientPlan<R> = { expired: [], held: [], burst: [], defer: null, send: [] };
  const heldRows: R[] = [];
  const live: R[] = [];
  for (const row of sortRows(rows)) {
    if (row.kind !== 'alert') plan.send.push(row);
    else if (row.priority === LANE_HELD) heldRows.push(row);
    else if (input.now - orderTime(row) > input.ttlMs) plan.expired.push(row);
    else live.push(row);
  }
  plan.held = splitGroups(heldRows, plan.send);
  planLive(live, input, plan);
  plan.send = sortRows(plan.send);
  return plan;
}
