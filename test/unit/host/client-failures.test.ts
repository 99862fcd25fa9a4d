import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { HostApiError } from '../../../src/errors.ts';
import { createHostClient } from '../../../src/host/client.ts';
import type { HostClient } from '../../../src/host/client.ts';
import { startHostSim } from '../../support/host-sim/index.ts';
import type { HostSim } from '../../support/host-sim/index.ts';

/** Runs `call` and returns the HostApiError it must reject with. */
async function hostError(call: () => Promise<unknown>): Promise<HostApiError> {
  try {
    await call();
  } catch (error) {
    expect(error).to.be.instanceOf(HostApiError);
    return error as HostApiError;
  }
  throw new Error('expected the call to fail');
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('host client failures', () => {
  let sim: HostSim;
  let client: HostClient;

  beforeEach(async () => {
    sim = await startHostSim();
    client = createHostClient({
      baseUrl: sim.url,
      timeoutMs: 300,
      getApiKey: () => Promise.resolve(sim.apiKey),
    });
  });
  afterEach(() => sim.close());

  it('maps a refused connection to unreachable', async () => {
    const port = await closedPort();
    const offline = createHostClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getApiKey: () => Promise.resolve('k'),
    });
    const error = await hostError(() => offline.funds());
    expect(error.kind).to.equal('unreachable');
    expect(error.message).to.include('ECONNREFUSED');
  });

  it('maps an unresolvable host name to unreachable', async () => {
    const nowhere = createHostClient({
      baseUrl: 'http://host.invalid',
      getApiKey: () => Promise.resolve('k'),
    });
    expect((await hostError(() => nowhere.funds())).kind).to.equal('unreachable');
  });

  it('maps a dropped connection to unreachable', async () => {
    sim.failNext('orderbook', { dropConnection: true });
    expect((await hostError(() => client.orderbook())).kind).to.equal('unreachable');
  });

  it('times out when the host answers later than timeoutMs', async () => {
    sim.failNext('positionbook', { delayMs: 2000 });
    const started = Date.now();
    const error = await hostError(() => client.positionbook());
    expect(error.kind).to.equal('timeout');
    expect(error.message).to.include('300 ms');
    expect(Date.now() - started).to.be.below(1500);
  });

  it('answers normally when the delay stays inside the timeout', async () => {
    sim.failNext('ping', { delayMs: 20 });
    expect((await client.ping()).message).to.equal('pong');
  });

  it('maps the 403 for a wrong key to invalid_key, naming both possible causes', async () => {
    const wrong = createHostClient({
      baseUrl: sim.url,
      getApiKey: () => Promise.resolve('not-the-key'),
    });
    const error = await hostError(() => wrong.holdings());
    expect(error.kind).to.equal('invalid_key');
    expect(error.hostStatus).to.equal(403);
    expect(error.message).to.match(/invalid.*broker login session has expired/);
  });

  it('gets the same invalid_key when the broker session expired (the host cannot tell)', async () => {
    sim.setBrokerSession(false);
    expect((await hostError(() => client.ping())).kind).to.equal('invalid_key');
  });

  it('maps the sandbox key refusal to invalid_key', async () => {
    sim.failNext('funds', {
      status: 403,
      body: { message: 'Invalid API key', mode: 'analyze', status: 'error' },
    });
    expect((await hostError(() => client.funds())).kind).to.equal('invalid_key');
  });

  it('maps a 403 that says the session expired to broker_session_expired', async () => {
    const body = { message: 'Broker session expired. Please login again.', status: 'error' };
    sim.failNext('tradebook', { status: 403, body });
    const error = await hostError(() => client.tradebook());
    expect(error.kind).to.equal('broker_session_expired');
    expect(error.message).to.include('Broker session expired');
  });

  it('maps the Semi-Auto closeposition refusal to validation with the host words', async () => {
    sim.setSemiAuto(true);
    const error = await hostError(() => client.closePosition());
    expect(error.kind).to.equal('validation');
    expect(error.hostStatus).to.equal(403);
    expect(error.message).to.equal(
      'Close position operation is not allowed in Semi-Auto mode. Please switch to Auto mode to close positions.',
    );
  });

  it('flattens the object-form 400 message to field: message', async () => {
    const error = await hostError(() => client.quotes('RELIANCE', 'NASDAQ'));
    expect(error.kind).to.equal('validation');
    expect(error.hostStatus).to.equal(400);
    expect(error.message).to.equal(
      'exchange: Must be one of: NSE, NFO, CDS, BSE, BFO, BCD, MCX, NCDEX, NCO, NSE_INDEX, BSE_INDEX, MCX_INDEX, GLOBAL_INDEX, CRYPTO.',
    );
  });

  it('passes the string-form 400 message through as is', async () => {
    const error = await hostError(() => client.quotes('NOSUCH', 'NSE'));
    expect(error.kind).to.equal('validation');
    expect(error.message).to.equal(
      "Symbol 'NOSUCH' not found for exchange 'NSE'. Please verify the symbol name and ensure master contracts are downloaded.",
    );
    sim.failNext('closeposition', {
      status: 400,
      body: { message: "{'strategy': ['Missing data for required field.']}", status: 'error' },
    });
    expect((await hostError(() => client.closePosition())).message).to.equal(
      "{'strategy': ['Missing data for required field.']}",
    );
  });

  it('maps 500 to server_error with the host message', async () => {
    sim.failNext('quotes', {
      status: 500,
      body: { message: 'Failed to fetch quotes', status: 'error' },
    });
    const error = await hostError(() => client.quotes('SBIN', 'NSE'));
    expect(error.kind).to.equal('server_error');
    expect(error.hostStatus).to.equal(500);
    expect(error.message).to.include('Failed to fetch quotes');
  });

  it('never crashes on a non-JSON body, whatever the status', async () => {
    sim.failNext('funds', { status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const gateway = await hostError(() => client.funds());
    expect(gateway.kind).to.equal('server_error');
    expect(gateway.message).to.equal('The host failed (HTTP 502)');
    sim.failNext('funds', { status: 200, body: 'pong?' });
    expect((await hostError(() => client.funds())).kind).to.equal('server_error');
  });

  it('maps a 200 with status error by its message', async () => {
    sim.failNext('closeposition', {
      status: 200,
      body: { message: 'Failed to close positions', status: 'error' },
    });
    expect((await hostError(() => client.closePosition())).kind).to.equal('server_error');
    sim.failNext('quotes', {
      status: 200,
      body: { message: "Symbol 'X' not found", status: 'error' },
    });
    expect((await hostError(() => client.quotes('X', 'NSE'))).kind).to.equal('validation');
  });

  it('rejects a success body of the wrong shape as server_error', async () => {
    sim.failNext('orderbook', { status: 200, body: { data: [], status: 'success' } });
    expect((await hostError(() => client.orderbook())).message).to.include('unexpected shape');
  });

  it('fails with not_configured and sends nothing when no key is stored', async () => {
    const keyless = createHostClient({ baseUrl: sim.url, getApiKey: () => Promise.resolve(null) });
    expect((await hostError(() => keyless.orderbook())).kind).to.equal('not_configured');
    expect(sim.requests).to.have.length(0);
  });

  it('fails with not_configured on a base URL that is not a URL', async () => {
    const broken = createHostClient({
      baseUrl: 'not a url',
      getApiKey: () => Promise.resolve('k'),
    });
    expect((await hostError(() => broken.ping())).kind).to.equal('not_configured');
  });

  it('never lets the API key into an error message, even when the host echoes it', async () => {
    const body = { message: `Traceback: bad apikey ${sim.apiKey} for user`, status: 'error' };
    sim.failNext('holdings', { status: 500, body });
    const error = await hostError(() => client.holdings());
    expect(error.message).to.include('<redacted>');
    expect(error.message).not.to.include(sim.apiKey);
  });
});
