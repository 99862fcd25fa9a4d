import type { CacheStore } from '@whiskeysockets/baileys';

/**
 * A small in-memory cache with per-entry expiry, in Baileys' CacheStore shape. Used for the message
 * retry counter, which must outlive any one socket (SPEC §8.3) but need not survive a restart.
 */
export function createTtlCache(ttlMs = 10 * 60_000, maxEntries = 5_000): CacheStore {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    get<T>(key: string): T | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value as T;
    },
    set<T>(key: string, value: T): void {
      // Oldest-first eviction keeps memory bounded if a peer floods retries.
      if (entries.size >= maxEntries && !entries.has(key)) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    },
    del(key: string): void {
      entries.delete(key);
    },
    flushAll(): void {
      entries.clear();
    },
  };
}
