import { expect } from 'chai';
import { join } from 'node:path';
import { createAdminAccounts } from '../../src/admin/accounts.ts';
import { createApp } from '../../src/app.ts';
import { buildTestConfig, makeTempDir, TEST_SECRETS, type TempDir } from '../support/config.ts';
import { createFakeTransport } from '../support/fake-transport.ts';
import { freePort, spawnSidecar, type ChildSidecar } from '../support/reliability/child.ts';
import { adminRequests, notifyRequests, webhookRequests } from '../support/reliability/fuzz.ts';
import { ADMIN_USER, fetchTransport, fuzz } from '../support/reliability/fuzz-run.ts';
import { OWNER_API_KEY, OWNER_USERNAME } from '../support/reliability/rig.ts';
import { startWaSim, type WaSim } from '../support/wa-sim/index.ts';

const RUNS = 1000;
const ADMIN_RUNS = 50;

/** The admin POST routes a signed-in script uses most (every route is in the in-process run). */
const ADMIN_PATHS = [
  '/whatsapp/config',
  '/whatsapp/send',
  '/whatsapp/broadcast',
  '/whatsapp/test-message',
  '/whatsapp/users',
  '/whatsapp/pair',
  '/whatsapp/bot/start',
];

/** A minimal cookie jar: the latest value of each cookie the child set. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    take(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    },
  };
}

describe('fuzzed requests over real HTTP to a sidecar process', function () {
  this.timeout(60_000);
  let sim: WaSim;
  let dir: TempDir;
  let child: ChildSidecar;

  before(async () => {
    sim = await startWaSim({ stanzaLog: false });
    dir = makeTempDir('oaw-fuzz-child-');
    // Owner key, owner username and an admin account, stored before the process starts.
    const app = await createApp(buildTestConfig(dir.path), { transport: createFakeTransport() });
    await app.settings.setOwnerApiKey(OWNER_API_KEY);
    await app.settings.setOwnerUsername(OWNER_USERNAME);
    await createAdminAccounts(app.db).setPassword(ADMIN_USER.username, ADMIN_USER.password);
    await app.close();
    child = spawnSidecar({
      cwd: dir.path,
      port: await freePort(),
      env: {
        ...TEST_SECRETS,
        DATABASE_URL: `sqlite:${join(dir.path, 'test.db')}`,
        // Fuzzed "pair" requests reach the local simulator, never WhatsApp.
        WHATSAPP_SERVER_URL: sim.url,
        WHATSAPP_SERVER_ROOT_KEY: sim.rootPublicKeyHex,
        WHATSAPP_RATE_LIMIT: '100000 per minute',
      },
    });
    await child.waitHealthy();
  });
  after(async () => {
    await child.stop('SIGKILL');
    await sim.close();
    dir.cleanup();
  });

  const expectUp = async () => {
    expect(child.alive(), child.output().slice(-2000)).to.equal(true);
    expect((await fetch(`${child.url}/healthz`)).status).to.equal(200);
  };

  it(`answers ${RUNS} webhook and ${RUNS} notify bodies without a 5xx and stays up`, async () => {
    const send = fetchTransport(child.url);
    const hooks = await fuzz(webhookRequests(), send, RUNS);
    const notify = await fuzz(notifyRequests(OWNER_API_KEY), send, RUNS);
    expect(hooks.get(202) ?? 0).to.be.above(0);
    expect(notify.get(400) ?? 0).to.be.above(0);
    await expectUp();
  });

  it(`answers ${ADMIN_RUNS} bodies per admin route, signed in, without a 5xx and stays up`, async () => {
    const jar = cookieJar();
    const first = await fetch(`${child.url}/whatsapp/csrf-token`);
    jar.take(first);
    const { csrf_token: loginToken } = (await first.json()) as { csrf_token: string };
    const login = await fetch(`${child.url}/whatsapp/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': loginToken,
        cookie: jar.header(),
      },
      body: JSON.stringify(ADMIN_USER),
    });
    expect(login.status).to.equal(200);
    jar.take(login);
    const token = ((await login.json()) as { data: { csrf_token: string } }).data.csrf_token;
    const send = fetchTransport(child.url, jar.header);
    const statuses = new Map<number, number>();
    for (const path of ['/whatsapp/login', ...ADMIN_PATHS]) {
      const arbitrary = adminRequests(path, () => ({ 'x-csrf-token': token }));
      for (const [status, n] of await fuzz(arbitrary, send, ADMIN_RUNS)) {
        statuses.set(status, (statuses.get(status) ?? 0) + n);
      }
    }
    expect(statuses.get(200) ?? 0).to.be.above(0);
    await expectUp();
    // No fatal record in the process's log.
    expect(child.logs().filter((line) => Number(line.level) >= 60)).to.deep.equal([]);
  });
});
