import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { signatureFor, startHostSim } from '../../support/host-sim/index.ts';
import type { HostSim } from '../../support/host-sim/index.ts';

/** POSTs a raw body to the simulator and returns status and parsed JSON. */
async function post(
  sim: HostSim,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as unknown, text };
}

describe('host simulator', () => {
  let sim: HostSim;
  beforeEach(async () => {
    sim = await startHostSim({ apiKey: 'sim-key' });
  });
  afterEach(() => sim.close());

  it('answers schema errors with the object-form 400', async () => {
    const unknown = await post(sim, '/api/v1/orderbook', { apikey: 'sim-key', extra: 1 });
    expect(unknown).to.include({ status: 400 });
    expect(unknown.json).to.deep.equal({ message: { extra: ['Unknown field.'] }, status: 'error' });
    const missing = await post(sim, '/api/v1/funds', {});
    expect(missing.json).to.deep.equal({
      message: { apikey: ['Missing data for required field.'] },
      status: 'error',
    });
    const nullBody = await post(sim, '/api/v1/ping', 'null');
    expect(nullBody.json).to.deep.equal({
      message: { _schema: ['Invalid input type.'] },
      status: 'error',
    });
    const empty = await post(sim, '/api/v1/ping', { apikey: '' });
    expect(empty.json).to.deep.equal({
      message: { apikey: ['Length must be between 1 and 256.'] },
      status: 'error',
    });
  });

  it('answers closeposition schema errors with the Python-repr string, plus mode in analyze', async () => {
    sim.setMode('analyze');
    const result = await post(sim, '/api/v1/closeposition', { apikey: 'sim-key' });
    expect(result.status).to.equal(400);
    expect(result.json).to.deep.equal({
      message: "{'strategy': ['Missing data for required field.']}",
      mode: 'analyze',
      status: 'error',
    });
  });

  it('answers a wrong key with the exact 403 body and a non-JSON body with 500', async () => {
    const wrong = await post(sim, '/api/v1/holdings', { apikey: 'nope' });
    expect(wrong.status).to.equal(403);
    expect(wrong.text).to.equal('{"message":"Invalid openalgo apikey","status":"error"}\n');
    const garbage = await post(sim, '/api/v1/holdings', '{oops');
    expect(garbage.status).to.equal(500);
    expect(garbage.json).to.deep.equal({
      message: 'An unexpected error occurred',
      status: 'error',
    });
  });

  it('logs every request with the key redacted and the status answered', async () => {
    await post(sim, '/api/v1/quotes/', { apikey: 'sim-key', symbol: 'SBIN', exchange: 'NSE' });
    await post(sim, '/api/v1/tradebook', { apikey: 'wrong' });
    expect(
      sim.requests.map(({ endpoint, body, status }) => ({ endpoint, body, status })),
    ).to.deep.equal([
      {
        endpoint: 'quotes',
        body: { apikey: '<redacted>', symbol: 'SBIN', exchange: 'NSE' },
        status: 200,
      },
      { endpoint: 'tradebook', body: { apikey: '<redacted>' }, status: 403 },
    ]);
    expect(JSON.stringify(sim.requests)).not.to.include('sim-key');
    expect(sim.requests[0]?.at).to.be.instanceOf(Date);
    sim.clearLog();
    expect(sim.requests).to.have.length(0);
  });

  it('injects queued failures in order, once each', async () => {
    sim.failNext('funds', {
      status: 500,
      body: { message: 'Error getting funds: boom', status: 'error' },
    });
    sim.failNext('funds', { status: 503, body: 'Service Unavailable' });
    expect((await post(sim, '/api/v1/funds', { apikey: 'sim-key' })).status).to.equal(500);
    const second = await fetch(`${sim.url}/api/v1/funds`, {
      method: 'POST',
      body: '{"apikey":"sim-key"}',
    });
    expect([second.status, await second.text()]).to.deep.equal([503, 'Service Unavailable']);
    expect((await post(sim, '/api/v1/funds', { apikey: 'sim-key' })).status).to.equal(200);
  });

  it('toggles the analyzer and reports it', async () => {
    const toggled = await post(sim, '/api/v1/analyzer/toggle', { apikey: 'sim-key', mode: true });
    expect(toggled.json).to.deep.include({ status: 'success' });
    expect((toggled.json as { data: unknown }).data).to.deep.include({
      analyze_mode: true,
      mode: 'analyze',
      message: 'Analyzer mode switched to analyze',
    });
    expect(sim.mode).to.equal('analyze');
    const funds = await post(sim, '/api/v1/funds', { apikey: 'sim-key' });
    expect(funds.json).to.have.property('mode', 'analyze');
  });

  it('answers 404 for unknown endpoints and 405 for GET', async () => {
    expect((await post(sim, '/api/v1/history', { apikey: 'sim-key' })).status).to.equal(404);
    expect((await fetch(`${sim.url}/api/v1/ping`)).status).to.equal(405);
  });

  it('records status callbacks and checks their signature when it has the secret', async () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const signed = await startHostSim({ webhookSecret: secret });
    try {
      const payload = JSON.stringify({ state: 'logged_out', at: '2026-08-24T09:00:00Z' });
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'webhook-id': 'msg_status1',
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureFor(secret, 'msg_status1', timestamp, payload),
      };
      const good = await post(signed, '/api/v1/plugins/whatsapp/status', payload, headers);
      const bad = await post(signed, '/api/v1/plugins/whatsapp/status', payload, {
        ...headers,
        'webhook-signature': 'v1,AAAA',
      });
      expect([good.status, bad.status]).to.deep.equal([200, 401]);
      expect(signed.statusCallbacks.map((c) => c.verified)).to.deep.equal([true, false]);
      expect(signed.statusCallbacks[0]?.body).to.deep.equal(JSON.parse(payload));
      expect(signed.statusCallbacks[0]?.headers['webhook-id']).to.equal('msg_status1');
    } finally {
      await signed.close();
    }
  });
});
