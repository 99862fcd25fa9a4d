/**
 * `Idempotency-Key` support for the notify API (SPEC §6): the first response to a key is stored and
 * replayed for 24 h, and nothing is sent again. A row with status 0 marks a request in progress;
 * the table's primary key decides which of two concurrent requests with the same key runs.
 */
import { IdempotencyKey, UniqueConstraintViolationException, type Database } from '../db/index.ts';
import { ValidationError } from '../errors.ts';

/** How long a response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A claim older than this is taken as abandoned (the process died mid-request) and may be claimed
 * again: longer than any request can take (5 recipients × a 30 s send timeout, run in parallel).
 */
export const PENDING_TTL_MS = 10 * 60 * 1000;

/** How often requests carrying a key prune expired rows. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

const PENDING_STATUS = 0;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A response as stored and replayed. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What a lookup or claim found. */
export type IdempotencyState =
  | { kind: 'none' }
  | { kind: 'claimed' }
  | { kind: 'in_progress' }
  | { kind: 'replay'; response: StoredResponse };

/** The store, scoped by the caller (`notify:<api key hash>:<key>`). */
export interface IdempotencyStore {
  /** A fresh stored response or claim for `scope`, without claiming it. */
  find(scope: string): Promise<IdempotencyState>;
  /** Claims `scope` for this request; another request's claim or response wins if there is one. */
  claim(scope: string): Promise<IdempotencyState>;
  /** Stores the response of a claimed request. */
  complete(scope: string, response: StoredResponse): Promise<void>;
  /** Drops a claim whose request failed before sending anything, so a retry can run. */
  release(scope: string): Promise<void>;
  /** Deletes rows older than the TTL; returns how many. */
  prune(): Promise<number>;
  /** {@link prune}, at most once per {@link PRUNE_INTERVAL_MS}; keeps the table small with no timer. */
  pruneIfDue(): Promise<void>;
}

/**
 * Validates an `Idempotency-Key` header: absent → null; otherwise 1–255 visible ASCII characters
 * (400 when not).
 */
export function parseIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (!KEY_PATTERN.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1 to 255 visible ASCII characters', {
      code: 'invalid_idempotency_key',
    });
  }
  return header;
}

/** Creates the store over `idempotency_keys`; `now` is injectable for tests. */
export function createIdempotencyStore(
  db: Database,
  now: () => Date = () => new Date(),
): IdempotencyStore {
  const isStale = (row: IdempotencyKey): boolean => {
    const age = now().getTime() - row.createdAt.getTime();
    return age > (row.responseStatus === PENDING_STATUS ? PENDING_TTL_MS : IDEMPOTENCY_TTL_MS);
  };
  const stateOf = (row: IdempotencyKey): IdempotencyState => {
    if (row.responseStatus === PENDING_STATUS) return { kind: 'in_progress' };
    const body = JSON.parse(row.responseBody) as unknown;
    return { kind: 'replay', response: { status: row.responseStatus, body } };
  };
  const find = async (scope: string): Promise<IdempotencyState> => {
    const row = await db.em().findOne(IdempotencyKey, { key: scope });
    return row && !isStale(row) ? stateOf(row) : { kind: 'none' };
  };

  let lastPrunedAt = -Infinity;
  const prune = async (): Promise<number> => {
    lastPrunedAt = now().getTime();
    const cutoff = new Date(lastPrunedAt - IDEMPOTENCY_TTL_MS);
    return db.em().nativeDelete(IdempotencyKey, { createdAt: { $lt: cutoff } });
  };

  return {
    find,
    prune,
    async pruneIfDue() {
      if (now().getTime() - lastPrunedAt >= PRUNE_INTERVAL_MS) await prune();
    },
    async claim(scope) {
      const em = db.em();
      const existing = await em.findOne(IdempotencyKey, { key: scope });
      if (existing && !isStale(existing)) return stateOf(existing);
      // Delete only the stale row we saw, so a fresh claim made meanwhile by another request stays.
      if (existing)
        await em.nativeDelete(IdempotencyKey, { key: scope, createdAt: existing.createdAt });
      try {
        await em.insert(IdempotencyKey, {
          key: scope,
          responseStatus: PENDING_STATUS,
          responseBody: '',
          createdAt: now(),
        });
        return { kind: 'claimed' };
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        const winner = await find(scope);
        return winner.kind === 'none' ? { kind: 'in_progress' } : winner;
      }
    },
    async complete(scope, response) {
      await db
        .em()
        .nativeUpdate(
          IdempotencyKey,
          { key: scope },
          { responseStatus: response.status, responseBody: JSON.stringify(response.body) },
        );
    },
    async release(scope) {
      await db.em().nativeDelete(IdempotencyKey, { key: scope, responseStatus: PENDING_STATUS });
    },
  };
}
