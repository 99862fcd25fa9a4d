import path from 'node:path';

/** Where the database lives, parsed from `DATABASE_URL` (SPEC §2). */
export type DatabaseTarget =
  | { kind: 'sqlite'; /** absolute file path, or `:memory:` */ path: string }
  | { kind: 'postgresql'; url: string };

const SQLITE_PREFIX = 'sqlite:';
const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'];

/**
 * Parses `sqlite:PATH` (relative to the process cwd; `sqlite::memory:` for a throwaway in-memory
 * database) or `postgres://…` / `postgresql://…`. Errors name only the scheme, never the URL,
 * because a PostgreSQL URL may carry a password.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (url.startsWith(SQLITE_PREFIX)) return sqliteTarget(url.slice(SQLITE_PREFIX.length));
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  if (scheme !== undefined && POSTGRES_SCHEMES.includes(scheme)) {
    if (!URL.canParse(url)) throw new Error('DATABASE_URL is not a valid PostgreSQL URL');
    return { kind: 'postgresql', url };
  }
  throw new Error(
    `DATABASE_URL must be sqlite:PATH or postgres://…; got ${scheme === undefined ? 'no scheme' : `scheme "${scheme}"`}`,
  );
}

function sqliteTarget(filePath: string): DatabaseTarget {
  if (filePath === '')
    throw new Error('DATABASE_URL sqlite: needs a file path (e.g. sqlite:./data/app.db)');
  if (filePath === ':memory:') return { kind: 'sqlite', path: filePath };
  return { kind: 'sqlite', path: path.resolve(filePath) };
}
