/**
 * Golden tests: the rendered examples of research openalgo-formats.md §2.4, byte for byte, plus
 * the assembly rules of §2.1 (strategy line, mode line, separator, event time).
 */
import { expect } from 'chai';
import { renderAlert, alertTitle, isAnalyzeMode } from '../../../src/presenters/alerts/index.ts';
import {
  AT_10_15_02_IST,
  cancelAllEvent,
  gttPlacedEvent,
  inAnalyzeMode,
  placeOrderEvent,
} from '../../support/alert-fixtures.ts';

describe('renderAlert: research §2.4 golden examples', () => {
  it('renders the live placeorder example', () => {
    const text = renderAlert(placeOrderEvent());
    expect(text).to.equal(
      '*Order Placed*\nStrategy: MyStrategy\n*LIVE MODE - Real Order*\n---------------------\nSymbol: RELIANCE\nAction: BUY\nQuantity: 10\nPrice Type: MARKET\nExchange: NSE\nProduct: MIS\nOrder ID: 250408000989443\nTime: 10:15:02',
    );
  });

  it('renders the analyze rejection published as order.placed', () => {
    const event = placeOrderEvent({
      req: { strategy: undefined, symbol: 'SBIN', action: 'SELL', quantity: '5', product: 'CNC' },
      res: {
        status: 'error',
        orderid: undefined,
        message: 'Insufficient holdings',
        mode: 'analyze',
      },
    });
    expect(renderAlert(event)).to.equal(
      '*Order Placed*\n*ANALYZE MODE - No Real Order*\n---------------------\nSymbol: SBIN\nAction: SELL\nQuantity: 5\nPrice Type: MARKET\nExchange: NSE\nProduct: CNC\nError: Insufficient holdings\nTime: 10:15:02',
    );
  });

  it('renders the Semi-Auto cancel-all refusal with an empty body', () => {
    const event = cancelAllEvent({
      res: {
        status: 'error',
        message: 'Semi-Auto mode: action blocked',
        canceled_orders: undefined,
        failed_cancellations: undefined,
      },
    });
    expect(renderAlert(event)).to.equal(
      '*All Orders Cancelled*\nStrategy: Python\n*LIVE MODE - Real Order*\n---------------------\nTime: 10:15:02',
    );
  });

  it('keeps the GTT title and header of the example, now followed by a real body', () => {
    const lines = renderAlert(gttPlacedEvent()).split('\n');
    expect(lines.slice(0, 4)).to.deep.equal([
      '*Order Update*',
      'Strategy: SwingGTT',
      '*LIVE MODE - Real Order*',
      '---------------------',
    ]);
    expect(lines.at(-1)).to.equal('Time: 10:15:02');
    expect(lines.length).to.be.greaterThan(5);
  });
});

describe('renderAlert: assembly', () => {
  it('omits the Strategy line when the strategy is empty or absent', () => {
    const empty = renderAlert(placeOrderEvent({ req: { strategy: '' } }));
    const absent = renderAlert(placeOrderEvent({ req: { strategy: undefined } }));
    expect(empty).not.to.include('Strategy:');
    expect(absent.split('\n')[1]).to.equal('*LIVE MODE - Real Order*');
  });

  it('prints the separator as exactly 21 ASCII hyphens', () => {
    const separator = renderAlert(placeOrderEvent()).split('\n')[3];
    expect(separator).to.equal('-'.repeat(21));
  });

  it('decides the mode from response_data.mode before data.mode', () => {
    const responseLive = placeOrderEvent({ res: { mode: 'live' }, data: { mode: 'analyze' } });
    const dataAnalyze = placeOrderEvent({ data: { mode: 'analyze' } });
    const responseAnalyze = inAnalyzeMode(placeOrderEvent({ data: { mode: 'live' } }));
    expect(isAnalyzeMode(responseLive)).to.be.false;
    expect(renderAlert(responseLive)).to.include('\n*LIVE MODE - Real Order*\n');
    expect(renderAlert(dataAnalyze)).to.include('\n*ANALYZE MODE - No Real Order*\n');
    expect(renderAlert(responseAnalyze)).to.include('\n*ANALYZE MODE - No Real Order*\n');
  });

  it('treats an absent mode as live', () => {
    const event = placeOrderEvent({ data: { mode: undefined } });
    expect(renderAlert(event)).to.include('\n*LIVE MODE - Real Order*\n');
  });

  it("prints the event's time in the recipient's timezone, not the clock at rendering", () => {
    const event = placeOrderEvent({ timestamp: '2026-08-24T23:59:30.250Z' });
    expect(renderAlert(event).split('\n').at(-1)).to.equal('Time: 05:29:30');
    expect(renderAlert(event, { timeZone: 'UTC' }).split('\n').at(-1)).to.equal('Time: 23:59:30');
    const ny = renderAlert(event, { timeZone: 'America/New_York' });
    expect(ny.split('\n').at(-1)).to.equal('Time: 19:59:30');
  });

  it('honours the offset of the event timestamp', () => {
    const event = placeOrderEvent({ timestamp: '2026-08-24T10:15:02+05:30' });
    expect(renderAlert(event, { timeZone: 'UTC' })).to.match(/\nTime: 04:45:02$/);
  });

  it('prints midnight as 00, never 24', () => {
    const event = placeOrderEvent({ timestamp: '2026-08-24T18:30:05Z' });
    expect(renderAlert(event)).to.match(/\nTime: 00:00:05$/);
  });

  it('falls back to Asia/Kolkata for an unknown timezone instead of failing', () => {
    const event = placeOrderEvent({ timestamp: AT_10_15_02_IST });
    expect(renderAlert(event, { timeZone: 'Mars/Olympus_Mons' })).to.match(/\nTime: 10:15:02$/);
  });

  it('degrades to the order type and status when the data cannot be read', () => {
    const event = placeOrderEvent();
    Object.defineProperty(event.data.request_data, 'symbol', {
      get() {
        throw new Error('boom');
      },
    });
    expect(renderAlert(event)).to.equal('*Order Placed*\nOrder Type: placeorder\nStatus: success');
  });
});

describe('alertTitle', () => {
  const titles: Array<[string, string]> = [
    ['placeorder', 'Order Placed'],
    ['placesmartorder', 'Smart Order Placed'],
    ['basketorder', 'Basket Order Executed'],
    ['splitorder', 'Split Order Executed'],
    ['optionsorder', 'Options Order Executed'],
    ['optionsmultiorder', 'Options Multi-Order Executed'],
    ['modifyorder', 'Order Modified'],
    ['cancelorder', 'Order Cancelled'],
    ['cancelallorder', 'All Orders Cancelled'],
    ['closeposition', 'Position Closed'],
    ['placegttorder', 'Order Update'],
    ['gtttriggered', 'Order Update'],
    ['constructor', 'Order Update'],
  ];
  for (const [apiType, title] of titles) {
    it(`titles ${apiType} as ${title}`, () => {
      const event = placeOrderEvent({ data: { api_type: apiType } });
      expect(alertTitle(event)).to.equal(title);
      expect(renderAlert(event).split('\n')[0]).to.equal(`*${title}*`);
    });
  }

  it('titles order.update as Order Update whatever its api_type', () => {
    const event = placeOrderEvent({ type: 'order.update', data: { api_type: 'placeorder' } });
    expect(alertTitle(event)).to.equal('Order Update');
  });
});
