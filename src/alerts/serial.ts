/**
 * A one-lane queue of async jobs: each runs after everything queued before it, so outbox passes
 * (and the boot reconciliation) never overlap, and tests can wait for the lane to empty.
 */

/** The lane. */
export interface SerialQueue {
  /** Runs `fn` after every job queued before it; its result or error is the caller's. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once no job is running or waiting, including jobs queued while waiting. */
  idle(): Promise<void>;
}

/** Creates an empty lane. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(fn) {
      const result = tail.then(fn);
      tail = result.catch(() => undefined);
      return result;
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
}
