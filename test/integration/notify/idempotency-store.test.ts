import { expect } from 'chai';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../src/db/index.ts';
import {
  createIdempotencyStore,
  IDEMPOTENCY_TTL_MS,
  PENDING_TTL_MS,
  type IdempotencyStore,
} from '../../../src/notify/idempotency.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';

describe('idempotency store (SQLite)', () => {
  let dir: TempDir;
  let db: Database;
  let clock: Date;
  let store: IdempotencyStore;

  beforeEach(async () => {
    dir = makeTempDir();
    db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 'i.db')}` });
    clock = new Date('2026-03-02T09:00:00Z');
    store = createIdempotencyStore(db, () => clock);
  });
  afterEach(async () => {
    await db.close();
    dir.cleanup();
  });

  it('grants exactly one of many concurrent claims; the others see it in progress', async () => {
    const states = await Promise.all(Array.from({ length: 8 }, () => store.claim('s')));
    expect(states.filter((s) => s.kind === 'claimed')).to.have.length(1);
    expect(states.filter((s) => s.kind === 'in_progress')).to.have.length(7);
  });

  it('replays a completed response, and frees a released claim', async () => {
    expect(await store.claim('a')).to.deep.equal({ kind: 'claimed' });
    await store.complete('a', { status: 202, body: { queued: 1 } });
    expect(await store.claim('a')).to.deep.equal({
      kind: 'replay',
      response: { status: 202, body: { queued: 1 } },
    });
    expect(await store.claim('b')).to.deep.equal({ kind: 'claimed' });
    await store.release('b');
    expect(await store.find('b')).to.deep.equal({ kind: 'none' });
    expect(await store.claim('b')).to.deep.equal({ kind: 'claimed' });
  });

  it('takes over a claim abandoned for longer than the pending TTL', async () => {
    await store.claim('crashed');
    clock = new Date(clock.getTime() + PENDING_TTL_MS - 1);
    expect((await store.claim('crashed')).kind).to.equal('in_progress');
    clock = new Date(clock.getTime() + 2);
    expect((await store.claim('crashed')).kind).to.equal('claimed');
  });

  it('prunes rows older than 24 h only', async () => {
    await store.claim('old');
    await store.complete('old', { status: 200, body: {} });
    clock = new Date(clock.getTime() + IDEMPOTENCY_TTL_MS + 1);
    await store.claim('new');
    expect(await store.prune()).to.equal(1);
    expect((await store.find('new')).kind).to.equal('in_progress');
  });
});
