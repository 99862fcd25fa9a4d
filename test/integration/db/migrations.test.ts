import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Setting, openDatabase, type Database } from '../../../src/db/index.ts';
import { defineMigrationSuite } from '../../support/db-assertions.ts';

describe('db: migrations on SQLite', () => {
  let tempDir: string;

  beforeEach(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'oaw-db-'));
  });
  afterEach(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  defineMigrationSuite({
    kind: 'sqlite',
    freshDatabaseUrl: () => Promise.resolve(`sqlite:${path.join(tempDir, 'app.db')}`),
  });

  describe('SQLite specifics', () => {
    let db: Database | undefined;
    afterEach(async () => {
      await db?.close();
      db = undefined;
    });

    /** Reads one pragma's single value. */
    async function pragma(name: string): Promise<unknown> {
      const rows = await db!
        .em()
        .getConnection()
        .execute<Record<string, unknown>[]>(`pragma ${name}`);
      return Object.values(rows[0] ?? {})[0];
    }

    it('runs in WAL mode with synchronous=NORMAL, a busy timeout and foreign keys on', async () => {
      db = await openDatabase({ databaseUrl: `sqlite:${path.join(tempDir, 'app.db')}` });
      expect(await pragma('journal_mode')).to.equal('wal');
      expect(await pragma('synchronous')).to.equal(1); // 1 = NORMAL
      expect(await pragma('busy_timeout')).to.equal(5000);
      expect(await pragma('foreign_keys')).to.equal(1);
    });

    it('creates missing parent directories owner-only and the file 0600', async () => {
      const file = path.join(tempDir, 'nested', 'data', 'app.db');
      db = await openDatabase({ databaseUrl: `sqlite:${file}` });
      expect((await stat(path.dirname(file))).mode & 0o777).to.equal(0o700);
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
    });

    it('serialises concurrent transactions on the single connection without losing any', async () => {
      db = await openDatabase({ databaseUrl: `sqlite:${path.join(tempDir, 'app.db')}` });
      const open = db;
      const writers = Array.from({ length: 20 }, (_, i) =>
        open.transactional(async (em) => {
          em.create(Setting, { key: `k${i}`, value: i });
          await em.flush();
          // Yield mid-transaction so the others really are waiting on the connection.
          await new Promise<void>((resolve) => setImmediate(resolve));
          return i;
        }),
      );
      expect(await Promise.all(writers)).to.have.length(20);
      expect(await open.em().count(Setting, {})).to.equal(20);
    });

    it('opens an existing, migrated file quickly', async () => {
      const databaseUrl = `sqlite:${path.join(tempDir, 'app.db')}`;
      await (await openDatabase({ databaseUrl })).close();
      const started = performance.now();
      db = await openDatabase({ databaseUrl });
      expect(performance.now() - started).to.be.below(1000);
    });
  });
});
