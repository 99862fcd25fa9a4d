import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import supertest from 'supertest';
import { adminRequests, notifyRequests, webhookRequests } from './fuzz.ts';
import {
  adminPostPaths,
  adminSession,
  fuzz,
  startFuzzApp,
  supertestTransport,
  type FuzzApp,
} from './fuzz-run.ts';
import { OWNER_API_KEY } from './rig.ts';

const show = (statuses: Map<number, number>) =>
  JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));

/**
 * The fuzz suite over the in-process app: `runs` generated requests to the webhook and to notify,
 * `adminRuns` to every admin POST route signed in (a fifth of that signed out). The reliability
 * suite and the soak suite call it with their own counts.
 */
export function describeFuzz(title: string, runs: number, adminRuns: number): void {
  describe(title, function () {
    defineFuzzTests(this, runs, adminRuns);
  });
}

function defineFuzzTests(suite: Mocha.Suite, runs: number, adminRuns: number): void {
  suite.timeout(3_600_000);
  let fuzzApp: FuzzApp;
  let server: Server;
  let agent: ReturnType<typeof supertest.agent>;

  beforeEach(async () => {
    fuzzApp = await startFuzzApp();
    // One listening server for the whole run (supertest would otherwise open one per request).
    const handle = fuzzApp.app.callback();
    // Koa's handler settles its own promise (errors become responses).
    server = createServer((req, res) => void handle(req, res)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    agent = supertest.agent(server);
  });
  afterEach(async () => {
    server.close();
    await fuzzApp.close();
  });

  const stillUp = async () => {
    expect((await agent.get('/healthz')).status).to.equal(200);
  };

  it(`webhook: ${runs} signed and unsigned bodies, no 5xx, the app stays up`, async () => {
    const statuses = await fuzz(webhookRequests(), supertestTransport(agent), runs);
    console.log(`      webhook statuses ${show(statuses)}`);
    // The generators reach acceptance, validation and the signature check alike.
    for (const status of [202, 400, 401]) expect(statuses.get(status) ?? 0).to.be.above(0);
    await stillUp();
  });

  it(`notify: ${runs} bodies with the owner key, no 5xx, the app stays up`, async () => {
    const statuses = await fuzz(notifyRequests(OWNER_API_KEY), supertestTransport(agent), runs);
    console.log(`      notify statuses ${show(statuses)}`);
    for (const status of [200, 202, 400]) expect(statuses.get(status) ?? 0).to.be.above(0);
    await stillUp();
  });

  it(`admin: ${adminRuns} bodies per POST route, signed in and not, no 5xx`, async () => {
    const paths = adminPostPaths(fuzzApp.app).filter((path) => path !== '/whatsapp/logout');
    expect(paths.length).to.be.above(10);
    const anonymous = supertestTransport(supertest.agent(server));
    const token = await adminSession(agent);
    const signedIn = supertestTransport(agent);
    const totals = new Map<number, number>();
    for (const path of paths) {
      for (const [send, runs] of [
        [anonymous, Math.ceil(adminRuns / 5)],
        [signedIn, adminRuns],
      ] as const) {
        const headers = (): Record<string, string> =>
          send === signedIn ? { 'x-csrf-token': token } : {};
        const statuses = await fuzz(adminRequests(path, headers), send, runs);
        for (const [status, n] of statuses) totals.set(status, (totals.get(status) ?? 0) + n);
      }
    }
    // Logout last: fuzzed, then the session is gone and a signed-in route answers 401.
    await fuzz(
      adminRequests('/whatsapp/logout', () => ({})),
      signedIn,
      20,
    );
    console.log(`      admin (${paths.length + 1} routes) statuses ${show(totals)}`);
    expect(totals.get(200) ?? 0, 'some fuzzed admin requests were valid').to.be.above(0);
    await stillUp();
  });
}
