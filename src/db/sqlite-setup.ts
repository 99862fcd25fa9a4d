import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';

/** How long a writer waits for the SQLite lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Creates the database file's directory (0700) and the file itself (0600) when missing, because
 * it holds encrypted session material and hashes that nobody else on the machine should read.
 * SQLite gives its -wal and -shm files the main file's permissions, so they follow.
 */
export async function prepareSqliteFile(filePath: string): Promise<void> {
  if (filePath === ':memory:') return;
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  // 'a' creates without truncating; an existing file keeps its mode (the owner may have chosen it).
  const handle = await open(filePath, 'a', 0o600);
  await handle.close();
}

/**
 * WAL lets readers (admin pages, /readyz) run while the outbox writes; synchronous=NORMAL is
 * durable across process crashes in WAL mode at a fraction of FULL's fsyncs. These pragmas cannot
 * run inside a transaction, so this runs right after connecting and before migrations.
 */
export async function applySqlitePragmas(orm: MikroORM): Promise<void> {
  const connection = orm.em.getConnection();
  await connection.execute('pragma journal_mode = WAL');
  await connection.execute('pragma synchronous = NORMAL');
  await connection.execute(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await connection.execute('pragma foreign_keys = ON');
}
