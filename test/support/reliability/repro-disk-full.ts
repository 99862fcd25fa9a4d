/**
 * Reproduction (run as root: `./node_modules/.bin/node test/support/reliability/repro-disk-full.ts`):
 * one transaction whose COMMIT fails with SQLITE_FULL leaves the database handle locked for good.
 * Every later query, even a read and even after space is back, never settles. Exits 1 while the
 * bug is there, 0 once queries answer again after the disk is freed.
 */
import { join } from 'node:path';
import { openDatabase, WebhookEvent } from '../../../src/db/index.ts';
import { mountSmallDisk } from './small-disk.ts';

const disk = mountSmallDisk(8);
const db = await openDatabase({ databaseUrl: `sqlite:${join(disk.path, 'repro.db')}` });
const within = (promise: Promise<unknown>, ms = 3_000) =>
  Promise.race([
    promise.then(
      () => 'answered',
      (error: unknown) => `failed: ${(error as Error).message}`,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve(`no answer in ${ms} ms`), ms)),
  ]);
const insert = (id: string) =>
  db.transactional((em) => {
    em.create(WebhookEvent, { webhookId: id, topic: 't', outcome: 'queued', alertCount: 0 });
    return Promise.resolve();
  });

disk.fill();
console.log('insert while full:', await within(insert('full')));
disk.free();
const read = await within(db.em().count(WebhookEvent, {}));
console.log('read after freeing:', read);
console.log('insert after freeing:', await within(insert('freed')));
disk.cleanup();
process.exit(read === 'answered' ? 0 : 1);
