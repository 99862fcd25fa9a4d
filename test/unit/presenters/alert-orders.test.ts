/** Body lines of single-order alerts (research §2.3), live and analyze, with missing fields. */
import { expect } from 'chai';
import { renderAlert } from '../../../src/presenters/alerts/index.ts';
import {
  cancelAllEvent,
  cancelOrderEvent,
  closePositionEvent,
  inAnalyzeMode,
  modifyOrderEvent,
  placeOrderEvent,
  smartOrderEvent,
} from '../../support/alert-fixtures.ts';
import type { OrderEvent } from '../../../src/http/schemas/order-event.ts';
import { bodyOf } from './alert-support.ts';

/** Analyze mode changes the mode line and nothing else. */
function expectOnlyModeLineDiffers(event: OrderEvent): void {
  const live = renderAlert(event);
  const analyze = renderAlert(inAnalyzeMode(event));
  expect(analyze).to.equal(
    live.replace('*LIVE MODE - Real Order*', '*ANALYZE MODE - No Real Order*'),
  );
  expect(analyze).not.to.equal(live);
}

describe('alert bodies: placeorder', () => {
  it('lists the order and its id on success, live and analyze', () => {
    expect(bodyOf(placeOrderEvent())).to.deep.equal([
      'Symbol: RELIANCE',
      'Action: BUY',
      'Quantity: 10',
      'Price Type: MARKET',
      'Exchange: NSE',
      'Product: MIS',
      'Order ID: 250408000989443',
    ]);
    expectOnlyModeLineDiffers(placeOrderEvent());
  });

  it('prints Error: Failed when an error has no message', () => {
    const event = placeOrderEvent({ res: { status: 'error', orderid: undefined } });
    expect(bodyOf(event).at(-1)).to.equal('Error: Failed');
  });

  it('prints N/A for missing or null fields', () => {
    const event = placeOrderEvent({
      req: { symbol: undefined, product: null, quantity: undefined },
    });
    const body = bodyOf(event);
    expect(body[0]).to.equal('Symbol: N/A');
    expect(body[2]).to.equal('Quantity: N/A');
    expect(body[5]).to.equal('Product: N/A');
  });

  it('prints Order ID: N/A on success without an order id', () => {
    const event = placeOrderEvent({ res: { orderid: undefined } });
    expect(bodyOf(event).at(-1)).to.equal('Order ID: N/A');
  });

  it('renders quantities that arrive as strings or numbers identically', () => {
    const variants = ['10', 10, '10.0', ' 10 ', 10.0].map((quantity) =>
      renderAlert(placeOrderEvent({ req: { quantity } })),
    );
    expect(new Set(variants).size).to.equal(1);
    expect(variants[0]).to.include('\nQuantity: 10\n');
  });

  it('renders numeric order ids without losing digits', () => {
    const event = placeOrderEvent({ res: { orderid: 250408000989443 } });
    expect(bodyOf(event).at(-1)).to.equal('Order ID: 250408000989443');
  });

  it('flattens control characters so a value cannot forge extra lines', () => {
    const event = placeOrderEvent({ req: { symbol: 'SBIN\n*LIVE MODE - Real Order*' } });
    expect(bodyOf(event)[0]).to.equal('Symbol: SBIN *LIVE MODE - Real Order*');
  });
});

describe('alert bodies: placesmartorder', () => {
  it('adds the position size and the order id on success, live and analyze', () => {
    expect(bodyOf(smartOrderEvent())).to.deep.equal([
      'Symbol: RELIANCE',
      'Action: BUY',
      'Quantity: 5',
      'Position Size: 5',
      'Exchange: NSE',
      'Order ID: 250408000989444',
    ]);
    expectOnlyModeLineDiffers(smartOrderEvent());
  });

  it('has no error line on failure, as in OpenAlgo', () => {
    const event = smartOrderEvent({ res: { status: 'error', message: 'Broker down' } });
    expect(bodyOf(event)).to.have.length(5);
    expect(bodyOf(event).at(-1)).to.equal('Exchange: NSE');
  });

  it('renders position_size 0 from string or number the same', () => {
    const a = bodyOf(smartOrderEvent({ req: { position_size: '0' } }));
    const b = bodyOf(smartOrderEvent({ req: { position_size: 0 } }));
    expect(a).to.deep.equal(b);
    expect(a[3]).to.equal('Position Size: 0');
  });
});

describe('alert bodies: modifyorder', () => {
  it('lists the new quantity and price then success, live and analyze', () => {
    expect(bodyOf(modifyOrderEvent())).to.deep.equal([
      'Order ID: 250408001003813',
      'Symbol: RELIANCE',
      'New Quantity: 2',
      'New Price: 16.5',
      'Modification Successful',
    ]);
    expectOnlyModeLineDiffers(modifyOrderEvent());
  });

  it('prints the error message on failure', () => {
    const event = modifyOrderEvent({ res: { status: 'error', message: 'Order not open' } });
    expect(bodyOf(event).at(-1)).to.equal('Error: Order not open');
  });

  it('renders prices arriving as strings or numbers identically', () => {
    const prices = ['100', 100, '100.0', '100.00'].map(
      (price) => bodyOf(modifyOrderEvent({ req: { price } }))[3],
    );
    expect(prices).to.deep.equal(Array(4).fill('New Price: 100'));
    expect(bodyOf(modifyOrderEvent({ req: { price: '16.50' } }))[3]).to.equal('New Price: 16.5');
  });
});

describe('alert bodies: cancelorder', () => {
  it('prints the order id and success, live and analyze', () => {
    expect(bodyOf(cancelOrderEvent())).to.deep.equal([
      'Order ID: 250408001003813',
      'Cancellation Successful',
    ]);
    expectOnlyModeLineDiffers(cancelOrderEvent());
  });

  it('prints the error on failure and N/A for a missing order id', () => {
    const event = cancelOrderEvent({ req: { orderid: undefined }, res: { status: 'error' } });
    expect(bodyOf(event)).to.deep.equal(['Order ID: N/A', 'Error: Failed']);
  });
});

describe('alert bodies: cancelallorder', () => {
  it('counts cancelled and failed orders and lists up to five ids, live and analyze', () => {
    expect(bodyOf(cancelAllEvent())).to.deep.equal([
      'Cancelled: 2 orders',
      'Failed: 1 orders',
      'Order IDs: 1001, 1002',
    ]);
    expectOnlyModeLineDiffers(cancelAllEvent());
  });

  it('lists five ids but not six', () => {
    const five = ['1', '2', '3', '4', '5'];
    expect(bodyOf(cancelAllEvent({ res: { canceled_orders: five } })).at(-1)).to.equal(
      'Order IDs: 1, 2, 3, 4, 5',
    );
    const six = bodyOf(cancelAllEvent({ res: { canceled_orders: [...five, '6'] } }));
    expect(six).to.deep.equal(['Cancelled: 6 orders', 'Failed: 1 orders']);
  });

  it('prints numeric ids instead of failing like OpenAlgo does', () => {
    const body = bodyOf(cancelAllEvent({ res: { canceled_orders: [1001, 1002] } }));
    expect(body.at(-1)).to.equal('Order IDs: 1001, 1002');
  });

  it('has no ids line when nothing was cancelled', () => {
    const event = cancelAllEvent({ res: { canceled_orders: [], failed_cancellations: [] } });
    expect(bodyOf(event)).to.deep.equal(['Cancelled: 0 orders', 'Failed: 0 orders']);
  });
});

describe('alert bodies: closeposition', () => {
  it('says all positions closed for a plain close-all, live and analyze', () => {
    expect(bodyOf(closePositionEvent())).to.deep.equal(['All positions closed successfully']);
    expectOnlyModeLineDiffers(closePositionEvent());
  });

  it('prints the single position of a UI exit', () => {
    const event = closePositionEvent({
      req: { strategy: 'UI Exit Position', symbol: 'SBIN', exchange: 'NSE', product: 'MIS' },
      res: { orderid: '5001' },
    });
    expect(bodyOf(event)).to.deep.equal([
      'Symbol: SBIN',
      'Exchange: NSE',
      'Product: MIS',
      'Order ID: 5001',
    ]);
  });

  it('tallies analyze close-all counts from strings or numbers alike', () => {
    const asNumbers = closePositionEvent({ res: { closed_positions: 3, failed_closures: 1 } });
    const asStrings = closePositionEvent({ res: { closed_positions: '3', failed_closures: '1' } });
    expect(bodyOf(asNumbers)).to.deep.equal(['Closed: 3 positions', 'Failed: 1 positions']);
    expect(bodyOf(asStrings)).to.deep.equal(bodyOf(asNumbers));
  });

  it('defaults an absent count to 0 when the other is non-zero', () => {
    const event = closePositionEvent({ res: { failed_closures: 2 } });
    expect(bodyOf(event)).to.deep.equal(['Closed: 0 positions', 'Failed: 2 positions']);
  });

  it('treats zero counts, numeric or textual, as nothing to report', () => {
    const event = closePositionEvent({ res: { closed_positions: '0', failed_closures: 0 } });
    expect(bodyOf(event)).to.deep.equal(['All positions closed successfully']);
  });

  it('prints the error of a refused close', () => {
    const event = closePositionEvent({ res: { status: 'error', message: 'Semi-Auto mode' } });
    expect(bodyOf(event)).to.deep.equal(['Error: Semi-Auto mode']);
  });
});
