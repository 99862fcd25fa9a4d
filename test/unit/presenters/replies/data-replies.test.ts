import { expect } from 'chai';
import type { HostMode } from '../../../../src/host/types.ts';
import {
  presentFunds,
  presentHoldings,
  presentOrderbook,
  presentPnl,
  presentPositions,
  presentQuote,
  presentTradebook,
} from '../../../../src/presenters/replies/index.ts';
import {
  defaultFixtures,
  withNumberStyle,
  type HostFixtures,
} from '../../../support/host-sim/index.ts';

/** Every data reply for one set of fixtures. */
function allReplies(mode: HostMode, f: HostFixtures): string[] {
  return [
    presentOrderbook({ mode, data: f.orderbook }),
    presentTradebook({ mode, data: f.tradebook }),
    presentPositions({ mode, data: f.positionbook, totals: f.positionTotals }),
    presentHoldings({ mode, data: f.holdings }),
    presentFunds({ mode, data: f.funds }),
    presentPnl({ mode, data: f.funds }),
  ];
}

describe('data command replies', () => {
  const live = defaultFixtures('live');
  const analyze = defaultFixtures('analyze');

  it('orderbook (live): status tags, prices and the statistics line', () => {
    expect(presentOrderbook({ mode: 'live', data: live.orderbook })).to.equal(
      [
        '*Orderbook* (3 orders)',
        '```',
        '[OK] BUY RELIANCE                  1',
        '  NSE MIS MARKET 13:58:03        MKT',
        '[OPEN] SELL SBIN                   5',
        '  NSE CNC LIMIT 14:02:11      775.50',
        '[REJECTED] BUY NIFTY25APR22500CE  75',
        '  NFO NRML MARKET 14:10:45       MKT',
        '```',
        'Buy 2 · Sell 1 · Done 1 · Open 1 · Rejected 1',
      ].join('\n'),
    );
  });

  it('orderbook (analyze): marker, rejection reason, trigger-pending count', () => {
    expect(presentOrderbook({ mode: 'analyze', data: analyze.orderbook })).to.equal(
      [
        '*Orderbook* · ANALYZE MODE (2 orders)',
        '```',
        '[OK] BUY RELIANCE                10',
        '  NSE MIS MARKET 09:15:12  1,187.75',
        '[REJECTED] SELL SBIN              5',
        '  NSE CNC MARKET 09:20:40       MKT',
        '  ! Insufficient holdings',
        '```',
        'Buy 1 · Sell 1 · Done 1 · Open 0 · Rejected 1 · Trigger pending 0',
      ].join('\n'),
    );
  });

  it('positions (live): open ones with signed quantity, closed summarised, total of all', () => {
    expect(presentPositions({ mode: 'live', data: live.positionbook, totals: {} })).to.equal(
      [
        '*Positions* (2 open)',
        '```',
        'qty · avg → LTP · P&L',
        'RELIANCE NSE MIS          +1',
        '  1,186.00 → 1,187.75  +1.75',
        'NHPC NSE MIS              -1',
        '  83.74 → 83.90        -0.16',
        '```',
        'Closed today: 1 position, P&L +12.50',
        '*Total P&L +14.09*',
      ].join('\n'),
    );
  });

  it('positions (analyze) use the sandbox total and carry the marker', () => {
    const text = presentPositions({
      mode: 'analyze',
      data: analyze.positionbook,
      totals: { ...analyze.positionTotals, total_pnl: 99.99 },
    });
    expect(text.split('\n')[0]).to.equal('*Positions* · ANALYZE MODE (1 open)');
    expect(text).to.contain('RELIANCE NSE MIS          +10');
    expect(text.split('\n').at(-1)).to.equal('*Total P&L +99.99*');
  });

  it('holdings, tradebook, funds and P&L (live)', () => {
    expect(presentHoldings({ mode: 'live', data: live.holdings })).to.equal(
      [
        '*Holdings* (2 holdings)',
        '```',
        'INFY NSE                      10',
        '  avg 1,512.30 +8.22%  +1,242.50',
        'HDFCBANK NSE                   5',
        '  avg 2,410.00 -0.98%    -118.00',
        '',
        'Current value  39,521.50',
        'Invested       38,173.00',
        'P&L   +1,124.50 (+3.53%)',
        '```',
      ].join('\n'),
    );
    expect(presentTradebook({ mode: 'live', data: live.tradebook })).to.equal(
      [
        '*Tradebook* (2 trades)',
        '```',
        'BUY RELIANCE NSE                  1',
        '  13:58:03 MIS @ 1,186.00  1,186.00',
        'SELL NHPC NSE                     1',
        '  14:28:49 MIS @ 83.74        83.74',
        '```',
        'Bought 1,186.00 · Sold 83.74',
      ].join('\n'),
    );
    expect(presentFunds({ mode: 'live', data: live.funds })).to.equal(
      [
        '*Funds*',
        '```',
        'Available cash    320.66',
        'Collateral          0.00',
        'Used margin       679.34',
        'Realised P&L       +3.27',
        'Unrealised P&L     -7.88',
        '```',
      ].join('\n'),
    );
    expect(presentPnl({ mode: 'live', data: live.funds })).to.equal(
      [
        '*P&L today*',
        '```',
        'Realised           +3.27',
        'Unrealised         -7.88',
        'Total              -4.61',
        '```',
      ].join('\n'),
    );
  });

  it('funds and P&L (analyze) show sandbox figures with the marker', () => {
    const funds = presentFunds({ mode: 'analyze', data: analyze.funds });
    expect(funds.split('\n')[0]).to.equal('*Funds* · ANALYZE MODE');
    expect(funds).to.contain('Available cash        99,88,122.50');
    expect(funds).to.contain('Realised P&L (all time)  +1,250.40');
    const pnl = presentPnl({ mode: 'analyze', data: analyze.funds });
    expect(pnl).to.contain('Total             +19.30');
  });

  it('quote: LTP, change and % vs previous close, OHLC and volume', () => {
    const quote = live.quotes['RELIANCE:NSE'];
    if (quote === undefined) throw new Error('fixture missing');
    expect(presentQuote('RELIANCE', 'NSE', quote)).to.equal(
      [
        '*RELIANCE* NSE',
        '```',
        'LTP                   1,187.75',
        'Change         +22.05 (+1.89%)',
        'Open                  1,172.00',
        'High                  1,196.60',
        'Low                   1,163.30',
        'Prev close            1,165.70',
        'Volume             1,44,14,545',
        'Bid / Ask  1,187.85 / 1,188.00',
        '```',
      ].join('\n'),
    );
  });

  for (const mode of ['live', 'analyze'] as const) {
    it(`renders strings and numbers the same (${mode})`, () => {
      const base = defaultFixtures(mode);
      const asStrings = allReplies(mode, withNumberStyle(base, 'strings'));
      const asNumbers = allReplies(mode, withNumberStyle(base, 'numbers'));
      expect(asStrings).to.deep.equal(asNumbers);
      expect(asStrings.join('\n')).not.to.match(/NaN|undefined|n\/a/);
    });
  }

  it('says empty lists in words', () => {
    const stats = live.orderbook.statistics;
    expect(presentOrderbook({ mode: 'live', data: { orders: [], statistics: stats } })).to.equal(
      '*Orderbook*\nNo orders today.',
    );
    expect(presentTradebook({ mode: 'analyze', data: [] })).to.equal(
      '*Tradebook* · ANALYZE MODE\nNo trades today.',
    );
    expect(presentPositions({ mode: 'live', data: [], totals: {} })).to.equal(
      '*Positions*\nNo open positions.',
    );
    const holdings = { holdings: [], statistics: live.holdings.statistics };
    expect(presentHoldings({ mode: 'live', data: holdings })).to.equal('*Holdings*\nNo holdings.');
    expect(presentFunds({ mode: 'live', data: {} })).to.equal(
      '*Funds*\nThe broker returned no funds data.',
    );
  });
});
