import type { SqlDialect } from './sql-dialect.ts';

/**
 * DDL of the initial migration, part 3: the admin UI's accounts, sessions, settings and login
 * guards (SPEC §7). Frozen once released: later schema changes go in new migrations.
 */
export function adminTablesSql(d: SqlDialect): string[] {
  return [
    `create table admin_users (
      id ${d.serialPrimaryKey},
      username text not null,
      password_hash text not null,
      created_at ${d.timestamp} not null,
      last_login_at ${d.timestamp} null
    )`,
    'create unique index admin_users_username_unique on admin_users (username)',
    `create table admin_sessions (
      sid text not null primary key,
      "data" text not null,
      expires_at ${d.timestamp} not null
    )`,
    'create index admin_sessions_expires_at_index on admin_sessions (expires_at)',
    `create table settings (
      "key" text not null primary key,
      "value" text not null,
      updated_at ${d.timestamp} not null
    )`,
    `create table sso_tokens (
      jti text not null primary key,
      expires_at ${d.timestamp} not null
    )`,
    'create index sso_tokens_expires_at_index on sso_tokens (expires_at)',
    `create table login_attempts (
      id ${d.serialPrimaryKey},
      scope text not null,
      subject text not null,
      attempted_at ${d.timestamp} not null
    )`,
    'create index login_attempts_attempted_at_index on login_attempts (attempted_at)',
    `create index login_attempts_scope_subject_attempted_at_index
      on login_attempts (scope, subject, attempted_at)`,
  ];
}

/** Tables created by {@link adminTablesSql}, in creation order. */
export const ADMIN_TABLES = [
  'admin_users',
  'admin_sessions',
  'settings',
  'sso_tokens',
  'login_attempts',
] as const;
