/**
 * A prepared-statement cache for SQLite. Kysely's SQLite driver calls better-sqlite3's
 * `Database#prepare` for every query it runs, and compiling SQL is a large share of a short
 * query's cost. A better-sqlite3 statement can be run any number of times, so the same SQL text
 * gets the same statement back.
 */

/** The part of a better-sqlite3 statement the cache looks at. */
interface CachedStatement {
  /** True while an `iterate()` over the statement is open: it cannot be run again until done. */
  readonly busy: boolean;
}

/** The part of a better-sqlite3 database the cache wraps. */
export interface StatementPreparer {
  prepare(sql: string): unknown;
}

/** How many statements are kept. */
export const STATEMENT_CACHE_SIZE = 128;
/**
 * Longer SQL is never cached: hashing it for the lookup costs more than it could save, and long
 * texts with inlined values never recur. Parameterised multi-row inserts (webhook ingest batches
 * of up to 100 rows) stay below it.
 */
export const MAX_CACHED_SQL_LENGTH = 16 * 1024;

/**
 * Replaces `database.prepare` with a version that returns a cached statement for SQL text it has
 * seen before, least recently used first out beyond `capacity`.
 *
 * MikroORM inlines parameter values into the SQL it sends, so most of its texts are unique (an
 * insert, a lookup by id) and only constant ones recur (`begin`, `commit`, lookups of fixed
 * rows); queries built with `em.getKysely()` keep their parameters and recur. A statement is
 * therefore cached only the second time its text is seen, so unique statements do not evict the
 * useful ones or hold memory.
 *
 * A cached statement that is busy (an `iterate()` still open on it) is not handed out twice: the
 * caller gets a fresh, uncached one. Nothing in the query path changes a statement's modes
 * (`raw`, `pluck`, `expand`, `safeIntegers`), which would otherwise leak from one caller to the
 * next; better-sqlite3's own `pragma()` prepares through its native handle, not this method.
 */
export function cacheStatements(
  database: StatementPreparer,
  capacity: number = STATEMENT_CACHE_SIZE,
): void {
  const prepare = database.prepare.bind(database) as (sql: string) => CachedStatement;
  const cache = new Map<string, CachedStatement>();
  const seenOnce = new Set<string>();
  database.prepare = (sql: string): CachedStatement => {
    if (sql.length > MAX_CACHED_SQL_LENGTH) return prepare(sql);
    const hit = cache.get(sql);
    if (hit !== undefined) {
      if (hit.busy) return prepare(sql);
      // Re-inserting moves the entry to the end: the Map's order is the recency order.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = prepare(sql);
    if (!seenOnce.delete(sql)) {
      // Bounded like the cache; clearing all at once is cheaper than tracking its order.
      if (seenOnce.size >= capacity * 2) seenOnce.clear();
      seenOnce.add(sql);
      return statement;
    }
    cache.set(sql, statement);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return statement;
  };
}
