import { expect } from 'chai';
import { createGroupCommit } from '../../../src/alerts/group-commit.ts';

class Collision extends Error {}

/** A hand-released commit: each call waits until the test lets it finish. */
function gatedCommits(fail: (items: string[]) => Error | null = () => null) {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const commitBatch = async (items: string[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    const error = fail(items);
    if (error) throw error;
    return items.map((item) => `ok:${item}`);
  };
  return {
    batches,
    commitBatch,
    /** Waits for a commit to start, lets it finish, then lets the committer start the next one. */
    async release() {
      while (gates.length === 0) await turn();
      gates.shift()!();
      await turn();
      await turn();
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

const settle = (promise: Promise<string>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: (error as Error).message }),
  );

describe('alerts: group commit', () => {
  it('commits a lone item on its own and resolves only after its commit', async () => {
    const commits = gatedCommits();
    const submit = createGroupCommit({ ...commits, retryAlone: () => false, maxBatch: 10 });
    let done = false;
    const result = submit('a').then((value) => ((done = true), value));
    await turn();
    expect(commits.batches).to.deep.equal([['a']]);
    expect(done).to.equal(false);
    await commits.release();
    expect(await result).to.equal('ok:a');
  });

  it('collects items that arrive while a commit runs into the next batch, up to the maximum', async () => {
    const commits = gatedCommits();
    const submit = createGroupCommit({ ...commits, retryAlone: () => false, maxBatch: 3 });
    const results = [submit('a')];
    await turn();
    results.push(...['b', 'c', 'd', 'e'].map((item) => submit(item)));
    await commits.release();
    await commits.release();
    await commits.release();
    expect(commits.batches).to.deep.equal([['a'], ['b', 'c', 'd'], ['e']]);
    expect(await Promise.all(results)).to.deep.equal(['ok:a', 'ok:b', 'ok:c', 'ok:d', 'ok:e']);
  });

  it('retries a batch one item at a time when asked, so only the culprit fails', async () => {
    const commits = gatedCommits((items) => (items.includes('bad') ? new Collision('bad') : null));
    const submit = createGroupCommit({
      ...commits,
      retryAlone: (error) => error instanceof Collision,
      maxBatch: 10,
    });
    const results = ['a', 'bad', 'c'].map((item) => settle(submit(item)));
    for (let i = 0; i < 4; i += 1) await commits.release();
    expect(commits.batches).to.deep.equal([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(await Promise.all(results)).to.deep.equal([
      { value: 'ok:a' },
      { error: 'bad' },
      { value: 'ok:c' },
    ]);
  });

  it('fails every item of a batch with the batch error when a retry would not help', async () => {
    const commits = gatedCommits((items) => (items.includes('c') ? null : new Error('disk full')));
    const submit = createGroupCommit({ ...commits, retryAlone: () => false, maxBatch: 10 });
    const results = ['a', 'b'].map((item) => settle(submit(item)));
    await commits.release();
    expect(commits.batches).to.deep.equal([['a', 'b']]);
    expect(await Promise.all(results)).to.deep.equal([
      { error: 'disk full' },
      { error: 'disk full' },
    ]);
    // The committer is still usable afterwards.
    const later = submit('c');
    await commits.release();
    expect(await later).to.equal('ok:c');
  });
});
