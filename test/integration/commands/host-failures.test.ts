import { expect } from 'chai';
import { createServer } from 'node:net';
import { startHarness, type Harness } from './harness.ts';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('host failures give specific replies', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('unreachable host', async () => {
    const port = await closedPort();
    h = await startHarness({ hostUrl: `http://127.0.0.1:${port}` });
    expect(await h.command('/positions')).to.deep.equal([
      `Could not reach OpenAlgo at http://127.0.0.1:${port}. Is it running?`,
    ]);
    const [row] = await h.auditRows();
    expect(row?.outcome).to.equal('host_error');
  });

  it('timeout: the reply comes within the configured timeout', async () => {
    h = await startHarness({ service: { hostTimeoutMs: 300 } });
    h.sim.failNext('orderbook', { delayMs: 5000 });
    const started = performance.now();
    const replies = await h.command('/orderbook');
    const elapsed = performance.now() - started;
    expect(replies).to.deep.equal(['OpenAlgo did not answer within 0.3 s. Try again in a moment.']);
    expect(elapsed).to.be.below(2000);
  });

  it('a dropped connection counts as unreachable', async () => {
    h = await startHarness();
    h.sim.failNext('funds', { dropConnection: true });
    const [reply] = await h.command('/funds');
    expect(reply).to.match(
      /^Could not reach OpenAlgo at http:\/\/127\.0\.0\.1:\d+\. Is it running\?$/,
    );
  });

  it('invalid API key, and an expired broker login that the host reports the same way', async () => {
    h = await startHarness();
    await h.settings.setOwnerApiKey('not-the-right-key');
    const invalid =
      'OpenAlgo rejected the API key (or the broker login expired). Update it on the settings page, or log in to your broker again.';
    expect(await h.command('/holdings')).to.deep.equal([invalid]);
    await h.settings.setOwnerApiKey(h.sim.apiKey);
    h.sim.setBrokerSession(false);
    expect(await h.command('/holdings')).to.deep.equal([invalid]);
  });

  it('broker session expired, when the host says so', async () => {
    h = await startHarness();
    h.sim.failNext('tradebook', {
      status: 403,
      body: { message: 'Broker session expired, please login again', status: 'error' },
    });
    expect(await h.command('/tradebook')).to.deep.equal([
      'Your broker login has expired. Log in to OpenAlgo again, then retry.',
    ]);
  });

  it('host refusal by policy carries the host words (Semi-Auto close-all)', async () => {
    h = await startHarness();
    h.sim.setSemiAuto(true);
    const [preview] = await h.command('/closeall');
    const code = /\/closeall (\d{4})/.exec(preview ?? '')?.[1] ?? '';
    expect(await h.command(`/closeall ${code}`)).to.deep.equal([
      'OpenAlgo said: Close position operation is not allowed in Semi-Auto mode. Please switch to Auto mode to close positions.',
    ]);
  });

  it('no API key stored', async () => {
    h = await startHarness({ withApiKey: false });
    expect(await h.command('/funds')).to.deep.equal([
      'No OpenAlgo API key is set. Add it on the WhatsApp settings page.',
    ]);
    expect(h.sim.requests).to.have.length(0);
  });

  it('a host server error gets a reference, and the log holds the detail under it', async () => {
    h = await startHarness();
    h.sim.failNext('positionbook', {
      status: 500,
      body: { message: 'Error getting positions: boom', status: 'error' },
    });
    const [reply] = await h.command('/positions');
    const ref = /^Something went wrong \(ref ([0-9a-f]{8})\)$/.exec(reply ?? '')?.[1];
    expect(ref, reply).to.be.a('string');
    const line = h
      .logText()
      .split('\n')
      .find((l) => l.includes(`"ref":"${ref}"`));
    expect(line).to.contain('Error getting positions: boom');
    const [row] = await h.auditRows();
    expect(row?.errorRef).to.equal(ref);
  });

  it('the API key never reaches the log or the audit table', async () => {
    h = await startHarness();
    await h.command('/funds');
    await h.command('/quote NOSUCH');
    expect(h.logText()).to.not.contain(h.sim.apiKey);
    expect(JSON.stringify(await h.auditRows())).to.not.contain(h.sim.apiKey);
  });
});
