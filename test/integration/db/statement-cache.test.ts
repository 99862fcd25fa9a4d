import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, Setting, type Database } from '../../../src/db/index.ts';
import {
  cacheStatements,
  MAX_CACHED_SQL_LENGTH,
  type StatementPreparer,
} from '../../../src/db/statement-cache.ts';

/** What the tests use of a better-sqlite3 statement. */
interface Statement {
  busy: boolean;
  all(): unknown[];
  iterate(): IterableIterator<unknown>;
}

/** A preparer that counts compilations and hands out plain objects. */
function countingPreparer(): StatementPreparer & { compiled: string[] } {
  const compiled: string[] = [];
  return {
    compiled,
    prepare(sql: string) {
      compiled.push(sql);
      return { sql, busy: false };
    },
  };
}

describe('db: SQLite prepared-statement cache', () => {
  it('compiles a recurring text twice at most, then hands back the same statement', () => {
    const preparer = countingPreparer();
    cacheStatements(preparer);
    const first = preparer.prepare('begin');
    const second = preparer.prepare('begin');
    expect(preparer.prepare('begin')).to.equal(second);
    expect(preparer.prepare('begin')).to.equal(second);
    expect(first).to.not.equal(second);
    expect(preparer.compiled).to.deep.equal(['begin', 'begin']);
  });

  it('never caches long texts, and evicts the least recently used beyond its capacity', () => {
    const preparer = countingPreparer();
    cacheStatements(preparer, 2);
    const long = `select '${'x'.repeat(MAX_CACHED_SQL_LENGTH)}'`;
    for (let i = 0; i < 3; i += 1) preparer.prepare(long);
    for (const sql of ['a', 'a', 'b', 'b', 'a', 'c', 'c']) preparer.prepare(sql);
    preparer.compiled.length = 0;
    preparer.prepare('a');
    preparer.prepare('c');
    expect(preparer.compiled).to.deep.equal([]);
    preparer.prepare('b');
    expect(preparer.compiled).to.deep.equal(['b']);
  });

  describe('on a real database', () => {
    let dir: string;
    let db: Database;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'oaw-stmt-'));
      db = await openDatabase({ databaseUrl: `sqlite:${path.join(dir, 'app.db')}` });
    });
    afterEach(async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('gives a fresh statement while the cached one is busy iterating', async () => {
      const native = (await db.orm.em.getConnection().getNativeClient()) as {
        prepare(sql: string): Statement;
      };
      const sql = 'select 1 as n union all select 2';
      native.prepare(sql);
      const cached = native.prepare(sql);
      expect(native.prepare(sql)).to.equal(cached);
      const rows = cached.iterate();
      rows.next();
      expect(cached.busy).to.equal(true);
      const other = native.prepare(sql);
      expect(other).to.not.equal(cached);
      rows.return?.();
      expect(native.prepare(sql)).to.equal(cached);
      expect(cached.all()).to.deep.equal([{ n: 1 }, { n: 2 }]);
    });

    it('keeps ORM reads and writes correct through cached statements', async () => {
      for (let i = 0; i < 3; i += 1) {
        await db.em().upsert(Setting, { key: 'k', value: i, updatedAt: new Date() });
        expect((await db.em().findOneOrFail(Setting, { key: 'k' })).value).to.equal(i);
      }
      await db.transactional(async (em) => {
        em.create(Setting, { key: 'in-tx', value: 'yes' });
        await em.flush();
      });
      expect((await db.em().findOneOrFail(Setting, { key: 'in-tx' })).value).to.equal('yes');
    });
  });
});
