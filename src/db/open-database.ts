import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url.ts';
import { sharedOrmOptions } from './orm-options.ts';
import { applySqlitePragmas, prepareSqliteFile, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-setup.ts';
import { cacheStatements, type StatementPreparer } from './statement-cache.ts';

/** The entity manager handed to callers: MikroORM's SQL entity manager, whichever driver runs. */
export type EntityManager = SqlEntityManager;

/** How to open the database. */
export interface DatabaseOptions {
  /** `sqlite:PATH` (relative to the cwd) or `postgres://…` / `postgresql://…`. */
  databaseUrl: string;
  /** Log SQL statements (never their parameters) through MikroORM's logger. */
  debug?: boolean;
}

/** An open, migrated database. */
export interface Database {
  kind: 'sqlite' | 'postgresql';
  orm: MikroORM;
  /** Names of the migrations this open applied (empty when the schema was already current). */
  migrationsApplied: string[];
  /** A fresh entity manager fork: one per request, job or command. */
  em(): EntityManager;
  /**
   * Runs `fn` in one transaction on a fresh fork and flushes it before committing. Inside `fn`
   * use only the `em` it is given: on SQLite the single connection is held by the transaction,
   * so a query through another fork would wait for it forever.
   */
  transactional<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
  /** True when a trivial query answers within {@link PING_TIMEOUT_MS} (for /readyz); false once closed. */
  ping(): Promise<boolean>;
  /** Closes the connection(s); safe to call more than once. */
  close(): Promise<void>;
}

/** How long {@link Database.ping} waits before reporting the database as not answering. */
export const PING_TIMEOUT_MS = 2000;

/**
 * Opens the database named by `databaseUrl`: for SQLite creates the directory (0700) and file
 * (0600) and applies the pragmas (WAL, synchronous=NORMAL, busy_timeout, foreign keys); then runs
 * pending migrations. Throws (with the connection closed) when the database cannot be opened.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.kind === 'sqlite') await prepareSqliteFile(target.path);
  const orm = await initOrm(target, options.debug ?? false);
  try {
    if (target.kind === 'sqlite') await applySqlitePragmas(orm);
    const applied = await orm.migrator.up();
    return wrapOrm(
      target.kind,
      orm,
      applied.map((migration) => migration.name),
    );
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

/** Loads only the driver the URL needs, so a SQLite boot never loads `pg` and vice versa. */
async function initOrm(target: DatabaseTarget, debug: boolean): Promise<MikroORM> {
  const shared = sharedOrmOptions(debug);
  if (target.kind === 'sqlite') {
    const { MikroORM: SqliteOrm } = await import('@mikro-orm/sqlite');
    const orm = await SqliteOrm.init({
      ...shared,
      dbName: target.path,
      // better-sqlite3's own busy wait, in force before the pragmas run.
      driverOptions: { timeout: SQLITE_BUSY_TIMEOUT_MS },
    });
    const native = (await orm.em.getConnection().getNativeClient()) as StatementPreparer;
    cacheStatements(native);
    return orm;
  }
  const { MikroORM: PostgresOrm } = await import('@mikro-orm/postgresql');
  return PostgresOrm.init({ ...shared, clientUrl: target.url });
}

function wrapOrm(kind: Database['kind'], orm: MikroORM, migrationsApplied: string[]): Database {
  const fork = (): EntityManager => orm.em.fork() as EntityManager;
  let closing: Promise<void> | undefined;
  return {
    kind,
    orm,
    migrationsApplied,
    em: fork,
    transactional: (fn) => fork().transactional((em) => fn(em)),
    // MikroORM reconnects lazily on the next query, so a closed database must say so itself.
    ping: () => (closing ? Promise.resolve(false) : pingDatabase(fork())),
    close: () => (closing ??= orm.close(true)),
  };
}

async function pingDatabase(em: EntityManager): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  const query = em
    .getConnection()
    .execute('select 1 as ok')
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
