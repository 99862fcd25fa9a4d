import { expect } from 'chai';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { pino } from 'pino';
import { createStatusReporter } from '../../../src/host/status-reporter.ts';
import type { LinkState, StateChange } from '../../../src/whatsapp/transport.ts';
import { TEST_SECRETS } from '../../support/config.ts';
import { startHostSim, type HostSim } from '../../support/host-sim/index.ts';

const silent = pino({ level: 'silent' });

function change(state: LinkState, previous: LinkState = 'open'): StateChange {
  return { state, previous, at: new Date(), reason: `went ${state}`, statusCode: 440 };
}

/** Resolves once the simulator holds `count` status callbacks (checked on each new request). */
async function callbacks(host: HostSim, count: number): Promise<HostSim['statusCallbacks']> {
  for (let i = 0; i < 500 && host.statusCallbacks.length < count; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return host.statusCallbacks;
}

describe('host status reporter (SPEC §8.1)', () => {
  let host: HostSim;
  beforeEach(
    async () => (host = await startHostSim({ webhookSecret: TEST_SECRETS.WEBHOOK_SECRET })),
  );
  afterEach(() => host.close());

  const reporter = (degradedReportAfterMs = 60_000) =>
    createStatusReporter({
      getHostServer: () => Promise.resolve(host.url),
      webhookSecret: TEST_SECRETS.WEBHOOK_SECRET,
      logger: silent,
      degradedReportAfterMs,
    });

  it('reports replaced, logged_out and forbidden at once, signed so the host can verify them', async () => {
    const statuses = reporter();
    statuses.handle(change('replaced'));
    statuses.handle(change('logged_out'));
    statuses.handle(change('forbidden'));
    const got = await callbacks(host, 3);
    expect(got.map((c) => c.verified)).to.deep.equal([true, true, true]);
    expect(got.map((c) => (c.body as { data: { state: string } }).data.state)).to.have.members([
      'replaced',
      'logged_out',
      'forbidden',
    ]);
    expect((got[0]!.body as { type: string }).type).to.equal('whatsapp.status');
  });

  it('stays quiet for ordinary states and for a short degraded spell', async () => {
    const statuses = reporter(60_000);
    statuses.handle(change('reconnecting'));
    statuses.handle(change('degraded'));
    statuses.handle(change('open', 'degraded'));
    statuses.handle(change('replaced'));
    const got = await callbacks(host, 1);
    expect(got.map((c) => (c.body as { data: { state: string } }).data.state)).to.deep.equal([
      'replaced',
    ]);
    statuses.close();
  });

  it('reports degraded once it has lasted long enough', async () => {
    const statuses = reporter(30);
    statuses.handle(change('degraded'));
    const got = await callbacks(host, 1);
    expect((got[0]!.body as { data: { state: string } }).data.state).to.equal('degraded');
  });

  it('stops after a host answers 404 (no callback support)', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(404).end('{"message":"Not Found","status":"error"}');
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const statuses = createStatusReporter({
      getHostServer: () => Promise.resolve(url),
      webhookSecret: TEST_SECRETS.WEBHOOK_SECRET,
      logger: silent,
    });
    statuses.handle(change('replaced'));
    for (let i = 0; i < 200 && hits === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    statuses.handle(change('logged_out'));
    statuses.handle(change('forbidden'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hits).to.equal(1);
    server.close();
  });
});
