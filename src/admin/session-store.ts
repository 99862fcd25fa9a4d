/**
 * koa-session's external store over `admin_sessions` (SPEC §7.1). The cookie carries a random
 * session id; the table is keyed by its SHA-256, so a copy of the database cannot be replayed as
 * a cookie. Expired rows read as absent and are pruned periodically.
 */
import { createHash } from 'node:crypto';
import { AdminSession, type Database } from '../db/index.ts';

/** The three calls koa-session makes, plus pruning. */
export interface AdminSessionStore {
  get(sid: string): Promise<Record<string, unknown> | null>;
  set(sid: string, data: Record<string, unknown>, maxAgeMs: number): Promise<void>;
  destroy(sid: string): Promise<void>;
  /** Deletes expired rows; returns how many went. */
  prune(now?: Date): Promise<number>;
}

/** The stored key for a session id. */
export function sessionKey(sid: string): string {
  return createHash('sha256').update(sid, 'utf8').digest('hex');
}

/** Builds the store over the database. */
export function createSessionStore(db: Database): AdminSessionStore {
  return {
    async get(sid) {
      const em = db.em();
      const row = await em.findOne(AdminSession, { sid: sessionKey(sid) });
      if (!row) return null;
      if (row.expiresAt.getTime() <= Date.now()) {
        await em.nativeDelete(AdminSession, { sid: row.sid });
        return null;
      }
      return row.data;
    },
    async set(sid, data, maxAgeMs) {
      const expiresAt = new Date(Date.now() + maxAgeMs);
      await db.em().upsert(AdminSession, { sid: sessionKey(sid), data, expiresAt });
    },
    async destroy(sid) {
      await db.em().nativeDelete(AdminSession, { sid: sessionKey(sid) });
    },
    prune: (now = new Date()) => db.em().nativeDelete(AdminSession, { expiresAt: { $lte: now } }),
  };
}
