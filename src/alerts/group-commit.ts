/**
 * Group commit: writes submitted while a transaction is running are collected and committed
 * together in the next one, so under load one BEGIN … COMMIT (and one WAL append) carries many
 * requests instead of one each. Nothing waits on a timer: a lone write is committed on the next
 * turn of the event loop, and batches grow only when writes arrive faster than commits finish.
 * Each submitter's promise settles only after the transaction holding its write has committed or
 * failed, so an answer sent on resolve still means "durably committed".
 */

/** How a batch is committed. */
export interface GroupCommitOptions<I, R> {
  /** Commits `items` in one transaction: all or nothing. Returns one result per item, in order. */
  commitBatch(items: I[]): Promise<R[]>;
  /**
   * Whether a failed batch should be retried one item per transaction, so a single item that
   * breaks a constraint fails alone. Otherwise every item of the batch gets the batch's error.
   */
  retryAlone(error: unknown): boolean;
  /** Most items per transaction. */
  maxBatch: number;
}

interface Pending<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/** Submits one item; resolves with its result once its transaction has committed. */
export type GroupCommit<I, R> = (item: I) => Promise<R>;

/** Creates a group committer. */
export function createGroupCommit<I, R>(options: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  const queue: Pending<I, R>[] = [];
  let running = false;
  let scheduled = false;

  const schedule = () => {
    if (running || scheduled || queue.length === 0) return;
    scheduled = true;
    // setImmediate runs after the I/O phase, so requests read in the same turn share a batch.
    setImmediate(() => {
      scheduled = false;
      running = true;
      void runBatch(queue.splice(0, options.maxBatch)).finally(() => {
        running = false;
        schedule();
      });
    });
  };

  async function runBatch(batch: Pending<I, R>[]): Promise<void> {
    try {
      const results = await options.commitBatch(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => pending.resolve(results[index] as R));
    } catch (error) {
      if (batch.length > 1 && options.retryAlone(error)) await runAlone(batch);
      else for (const pending of batch) pending.reject(error);
    }
  }

  /** One transaction per item, in arrival order: each settles with its own outcome. */
  async function runAlone(batch: Pending<I, R>[]): Promise<void> {
    for (const pending of batch) {
      try {
        const [result] = await options.commitBatch([pending.item]);
        pending.resolve(result as R);
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
