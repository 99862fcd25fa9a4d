import { BasePostgreSqlPlatform, SqlitePlatform, type AbstractSqlPlatform } from '@mikro-orm/sql';

/**
 * The few DDL fragments that differ between SQLite and PostgreSQL. Migrations write plain SQL
 * with these spliced in, so one migration file serves both databases.
 */
export interface SqlDialect {
  kind: 'sqlite' | 'postgresql';
  /** An auto-incrementing integer primary key column definition. */
  serialPrimaryKey: string;
  /** A point in time. SQLite keeps MikroORM's epoch milliseconds in a `datetime` column. */
  timestamp: string;
  boolean: string;
  /** The current time as a value for a {@link SqlDialect.timestamp} column. */
  now: string;
}

const SQLITE: SqlDialect = {
  kind: 'sqlite',
  serialPrimaryKey: 'integer not null primary key autoincrement',
  timestamp: 'datetime',
  // SQLite has no boolean type; `true`/`false` literals are 1/0, as MikroORM expects.
  boolean: 'integer',
  now: "(strftime('%s', 'now') * 1000)",
};

const POSTGRESQL: SqlDialect = {
  kind: 'postgresql',
  serialPrimaryKey: 'serial primary key',
  timestamp: 'timestamptz',
  boolean: 'boolean',
  now: 'current_timestamp',
};

/** The dialect of the platform a migration runs on; throws for any database we do not support. */
export function dialectFor(platform: AbstractSqlPlatform): SqlDialect {
  if (platform instanceof SqlitePlatform) return SQLITE;
  if (platform instanceof BasePostgreSqlPlatform) return POSTGRESQL;
  throw new Error(`Unsupported database platform: ${platform.constructor.name}`);
}
