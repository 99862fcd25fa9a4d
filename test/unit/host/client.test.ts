import { expect } from 'chai';
import { HostApiError } from '../../../src/errors.ts';
import { createHostClient } from '../../../src/host/client.ts';
import type { HostClient } from '../../../src/host/client.ts';
import { toNumber } from '../../../src/host/numbers.ts';
import { startHostSim, withNumberStyle } from '../../support/host-sim/index.ts';
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

describe('host client', () => {
  let sim: HostSim;
  let client: HostClient;

  beforeEach(async () => {
    sim = await startHostSim();
    client = createHostClient({ baseUrl: sim.url, getApiKey: () => Promise.resolve(sim.apiKey) });
  });
  afterEach(() => sim.close());

  describe('live mode', () => {
    it('reads the orderbook with its statistics', async () => {
      const reply = await client.orderbook();
      expect(reply.mode).to.equal('live');
      expect(reply.data.orders.map((order) => order.orderid)).to.deep.equal(
        sim.fixtures('live').orderbook.orders.map((order) => order.orderid),
      );
      expect(reply.data.statistics.total_buy_orders).to.equal(2);
    });

    it('reads tradebook, positionbook, holdings and funds', async () => {
      const trades = await client.tradebook();
      expect(trades.data[1]).to.include({ symbol: 'NHPC', average_price: 83.74 });
      const positions = await client.positionbook();
      expect(positions.mode).to.equal('live');
      expect(positions.data.map((p) => p.quantity)).to.deep.equal([1, -1, 0]);
      expect(positions.totals).to.deep.equal({});
      const holdings = await client.holdings();
      expect(holdings.data.statistics.totalprofitandloss).to.equal(1124.5);
      const funds = await client.funds();
      expect(funds.data.availablecash).to.equal('320.66');
      expect(toNumber(funds.data.m2munrealized)).to.equal(-7.88);
    });

    it('reads a quote', async () => {
      const reply = await client.quotes('RELIANCE', 'NSE');
      expect(reply.data).to.include({ ltp: 1187.75, prev_close: 1165.7 });
    });

    it('closes all positions, and the positionbook then shows none open', async () => {
      const result = await client.closePosition();
      expect(result).to.deep.equal({ mode: 'live', message: 'All Open Positions Squared Off' });
      const positions = await client.positionbook();
      expect(positions.data.every((p) => toNumber(p.quantity) === 0)).to.be.true;
    });

    it('reads the analyzer status and pings', async () => {
      expect(await client.analyzerStatus()).to.deep.equal({
        analyze_mode: false,
        mode: 'live',
        total_logs: 0,
      });
      expect(await client.ping()).to.deep.equal({ broker: 'zerodha', message: 'pong' });
    });

    it('accepts brokers that send numbers as strings', async () => {
      sim.setFixtures('live', withNumberStyle(sim.fixtures('live'), 'strings'));
      const positions = await client.positionbook();
      expect(positions.data.map((p) => p.quantity)).to.deep.equal(['1', '-1', '0']);
      expect(positions.data.map((p) => toNumber(p.pnl))).to.deep.equal([1.75, -0.16, 12.5]);
      const orders = await client.orderbook();
      expect(orders.data.orders[0]?.orderid).to.equal('250408000989443');
      expect(orders.data.statistics.total_buy_orders).to.equal('2');
    });
  });

  describe('analyze mode', () => {
    beforeEach(() => sim.setMode('analyze'));

    it('marks every sandboxed reply as analyze and keeps the extra fields', async () => {
      const orders = await client.orderbook();
      expect(orders.mode).to.equal('analyze');
      expect(orders.data.statistics.total_trigger_pending_orders).to.equal(0);
      expect(orders.data.orders[1]?.rejection_reason).to.equal('Insufficient holdings');
      expect((await client.tradebook()).data[0]?.tradeid).to.equal('TRD26082409151234');
      expect((await client.holdings()).data.holdings[0]?.settlement_date).to.equal('2026-08-21');
      const funds = await client.funds();
      expect(funds.mode).to.equal('analyze');
      expect(funds.data.totalpnl).to.equal(1273.9);
    });

    it('returns the sandbox positionbook totals', async () => {
      const positions = await client.positionbook();
      expect(positions.mode).to.equal('analyze');
      expect(positions.totals).to.deep.equal(sim.fixtures('analyze').positionTotals);
    });

    it('reports how many positions the sandbox closed, then none', async () => {
      const first = await client.closePosition();
      expect(first).to.deep.equal({
        mode: 'analyze',
        message: 'Closed 1 positions',
        closed_positions: 1,
        failed_closures: 0,
      });
      const second = await client.closePosition();
      expect(second).to.deep.equal({ mode: 'analyze', message: 'No open positions to close' });
    });

    it('quotes stay live and the analyzer reports analyze', async () => {
      expect((await client.quotes('SBIN', 'NSE')).mode).to.equal('live');
      expect(await client.analyzerStatus()).to.include({ analyze_mode: true, mode: 'analyze' });
    });
  });

  describe('request bodies', () => {
    it('sends exactly the documented fields', async () => {
      await client.orderbook();
      await client.quotes('NIFTY', 'NSE_INDEX');
      await client.closePosition();
      await client.closePosition('Nightly');
      await client.ping();
      expect(sim.requests.map((r) => [r.endpoint, r.body])).to.deep.equal([
        ['orderbook', { apikey: '<redacted>' }],
        ['quotes', { apikey: '<redacted>', symbol: 'NIFTY', exchange: 'NSE_INDEX' }],
        ['closeposition', { apikey: '<redacted>', strategy: 'WhatsApp' }],
        ['closeposition', { apikey: '<redacted>', strategy: 'Nightly' }],
        ['ping', { apikey: '<redacted>' }],
      ]);
      expect(sim.requests.every((r) => r.status === 200)).to.be.true;
    });

    it('pings with an override key instead of the stored one', async () => {
      const unsaved = createHostClient({
        baseUrl: sim.url,
        getApiKey: () => Promise.resolve('old-key'),
      });
      expect((await unsaved.ping(sim.apiKey)).message).to.equal('pong');
      expect((await hostError(() => unsaved.orderbook())).kind).to.equal('invalid_key');
    });

    it('tolerates a trailing slash on the base URL', async () => {
      const prefixed = createHostClient({
        baseUrl: `${sim.url}/`,
        getApiKey: () => Promise.resolve(sim.apiKey),
      });
      expect((await prefixed.ping()).broker).to.equal('zerodha');
    });
  });
});
