import { expect } from 'chai';
import { once } from 'node:events';
import { join } from 'node:path';
import { createApp } from '../../src/app.ts';
import { OutboxMessage } from '../../src/db/index.ts';
import { buildTestConfig, TEST_SECRETS } from '../support/config.ts';
import { createFakeTransport } from '../support/fake-transport.ts';
import { buildOrderEvent, createEventSender } from '../support/host-sim/index.ts';
import { ledgerIds } from '../support/reliability/accounting.ts';
import { freePort, spawnSidecar, type ChildSidecar } from '../support/reliability/child.ts';
import { withDatabase } from '../support/reliability/kill-scenario.ts';
import { OWNER_USERNAME } from '../support/reliability/rig.ts';
import { mountSmallDisk, type SmallDisk } from '../support/reliability/small-disk.ts';

const event = () => buildOrderEvent('order.placed', { timestamp: new Date().toISOString() });

/*
 * What the sidecar does when its SQLite disk fills up or is read-only. Found while writing this:
 * after one failed COMMIT (SQLITE_FULL) the process never answers a database query again, even
 * once space is back (MikroORM 7.2.1 leaves Kysely's only SQLite connection locked when COMMIT
 * fails and SQLite has already rolled back), so webhooks after the first hang until the host's
 * timeout. That is not asserted here (it is a bug); recovery is asserted after a restart.
 */
describe('the database disk fills up or is read-only (sidecar process on a small tmpfs)', function () {
  this.timeout(30_000);
  let disk: SmallDisk;
  let child: ChildSidecar | undefined;
  let env: Record<string, string>;

  beforeEach(async () => {
    disk = mountSmallDisk();
    const config = buildTestConfig(disk.path);
    const app = await createApp(config, { transport: createFakeTransport() });
    await app.settings.setOwnerUsername(OWNER_USERNAME);
    await app.close();
    env = { ...TEST_SECRETS, DATABASE_URL: `sqlite:${join(disk.path, 'test.db')}` };
  });
  afterEach(async () => {
    await child?.stop('SIGKILL');
    child = undefined;
    disk.cleanup();
  });

  const start = async () => {
    child = spawnSidecar({ cwd: disk.path, env, port: await freePort() });
    await child.waitHealthy();
    return createEventSender({
      targetUrl: `${child.url}/webhooks/openalgo`,
      secret: TEST_SECRETS.WEBHOOK_SECRET,
      timeoutMs: 5_000,
    });
  };
  const database = <T>(fn: Parameters<typeof withDatabase<T>>[1]) =>
    withDatabase({ childEnv: env }, fn);

  it('answers a full disk with a 500 JSON envelope, logs why, commits nothing; a restart recovers', async () => {
    let sender = await start();
    const before = await sender.send(event());
    expect(before.status).to.equal(202);
    disk.fill();
    const refused = await sender.send(event());
    expect(refused.status).to.equal(500);
    expect(refused.body).to.deep.include({ status: 'error', code: 'internal_error' });
    expect(refused.text).to.not.match(/SQLITE|disk|\bat .+:\d+/i);
    const logged = await child!.waitForLog((line) => line.msg === 'request failed');
    expect(JSON.stringify(logged.err)).to.contain('database or disk is full');
    expect(child!.alive()).to.equal(true);
    expect((await fetch(`${child!.url}/healthz`)).status).to.equal(200);

    await child!.stop('SIGKILL');
    disk.free();
    // Nothing of the refused event was committed: no ledger row, no outbox row.
    const [ids, alerts] = await database((db) =>
      Promise.all([ledgerIds(db), db.em().count(OutboxMessage, {})]),
    );
    expect([...ids]).to.deep.equal([before.webhookId]);
    expect(alerts).to.equal(1);
    // The host retries the refused event: after a restart it is accepted, once.
    sender = await start();
    expect((await sender.send(event(), { webhookId: refused.webhookId })).status).to.equal(202);
    await child!.stop('SIGTERM');
    expect(await database(ledgerIds)).to.have.property('size', 2);
  });

  it('refuses to boot on a read-only filesystem, saying so, and exits non-zero', async () => {
    disk.remount('ro');
    child = spawnSidecar({ cwd: disk.path, env, port: await freePort() });
    const [code] = (await once(child.process, 'exit')) as [number | null];
    expect(code).to.equal(1);
    expect(child.output()).to.match(/EROFS: read-only file system, open '.*test\.db'/);
    disk.remount('rw');
  });
});
