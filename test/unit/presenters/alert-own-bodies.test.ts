/**
 * Bodies where SPEC §4.4 improves on OpenAlgo: GTT alerts with details, `order.no_action` saying
 * why, and broker `order.update` events.
 */
import { expect } from 'chai';
import { renderAlert } from '../../../src/presenters/alerts/index.ts';
import {
  gttCancelledEvent,
  gttExpiredEvent,
  gttModifiedEvent,
  gttPlacedEvent,
  gttTriggeredEvent,
  inAnalyzeMode,
  noActionEvent,
  orderUpdateEvent,
} from '../../support/alert-fixtures.ts';
import { bodyOf } from './alert-support.ts';

describe('alert bodies: GTT', () => {
  it('details a placed trigger, live and analyze', () => {
    const expected = [
      'Symbol: SBIN',
      'Exchange: NSE',
      'Trigger ID: 105099',
      'Trigger Type: OCO',
      'Trigger Prices: 780.0, 860.5',
    ];
    expect(bodyOf(gttPlacedEvent())).to.deep.equal(expected);
    const analyze = inAnalyzeMode(gttPlacedEvent());
    expect(bodyOf(analyze)).to.deep.equal(expected);
    expect(renderAlert(analyze)).to.include('\n*ANALYZE MODE - No Real Order*\n');
  });

  it('falls back to the request when the host sends no typed fields', () => {
    const event = gttPlacedEvent({
      data: { symbol: undefined, trigger_type: undefined, trigger_prices: undefined },
      req: { symbol: 'TCS', trigger_type: 'SINGLE', trigger_prices: ['3500'] },
    });
    const body = bodyOf(event);
    expect(body[0]).to.equal('Symbol: TCS');
    expect(body.slice(3)).to.deep.equal(['Trigger Type: SINGLE', 'Trigger Prices: 3500.0']);
  });

  it("reads trigger prices from the request's legs when nothing else has them", () => {
    const event = gttPlacedEvent({
      data: { trigger_prices: undefined },
      req: { trigger_prices: undefined, legs: [{ trigger_price: 780 }, { trigger_price: '860' }] },
    });
    expect(bodyOf(event).at(-1)).to.equal('Trigger Prices: 780.0, 860.0');
  });

  it('prints N/A for a trigger without id, type or prices', () => {
    const event = gttPlacedEvent({
      data: { trigger_id: undefined, trigger_type: undefined, trigger_prices: undefined },
      req: { trigger_type: undefined, trigger_prices: undefined },
      res: { trigger_id: undefined },
    });
    expect(bodyOf(event).slice(2)).to.deep.equal([
      'Trigger ID: N/A',
      'Trigger Type: N/A',
      'Trigger Prices: N/A',
    ]);
  });

  it('details a modified trigger and reports a failure', () => {
    expect(bodyOf(gttModifiedEvent())).to.deep.equal([
      'Symbol: SBIN',
      'Exchange: NSE',
      'Trigger ID: 105099',
      'Trigger Type: SINGLE',
      'Trigger Prices: 790.0',
    ]);
    const failed = gttModifiedEvent({ res: { status: 'error', message: 'Trigger not found' } });
    expect(bodyOf(failed).at(-1)).to.equal('Error: Trigger not found');
  });

  it('confirms a cancellation, with the instrument only when known', () => {
    expect(bodyOf(gttCancelledEvent())).to.deep.equal([
      'Trigger ID: 105099',
      'Cancellation Successful',
    ]);
    const withSymbol = gttCancelledEvent({ req: { symbol: 'SBIN', exchange: 'NSE' } });
    expect(bodyOf(withSymbol)).to.deep.equal([
      'Symbol: SBIN',
      'Exchange: NSE',
      'Trigger ID: 105099',
      'Cancellation Successful',
    ]);
  });

  it('names the order a trigger placed', () => {
    expect(renderAlert(gttTriggeredEvent())).to.equal(
      '*Order Update*\nStrategy: SwingGTT\n*ANALYZE MODE - No Real Order*\n---------------------\nSymbol: SBIN\nExchange: NSE\nTrigger ID: GTT-260824-1a2b3c4d\nTrigger Prices: 812.4\nOrder ID: 26082409151234\nTime: 10:15:02',
    );
    const fromResponse = gttTriggeredEvent({ data: { triggered_order_id: undefined } });
    expect(bodyOf(fromResponse).at(-1)).to.equal('Order ID: 26082409151234');
  });

  it('says why a trigger expired', () => {
    expect(bodyOf(gttExpiredEvent())).to.deep.equal([
      'Symbol: SBIN',
      'Exchange: NSE',
      'Trigger ID: GTT-260824-1a2b3c4d',
      'Message: GTT expired without firing',
    ]);
    const live = gttExpiredEvent({ data: { mode: 'live' }, res: { mode: 'live' } });
    expect(renderAlert(live)).to.include('\n*LIVE MODE - Real Order*\n');
  });

  it('uses the typed strategy when the request has none', () => {
    const event = gttTriggeredEvent({ req: { strategy: undefined }, data: { strategy: 'Typed' } });
    expect(renderAlert(event).split('\n')[1]).to.equal('Strategy: Typed');
  });
});

describe('alert bodies: order.no_action', () => {
  it('says no action was needed instead of Order ID: N/A, live and analyze', () => {
    const expected = [
      'Symbol: RELIANCE',
      'Action: BUY',
      'Quantity: 5',
      'Position Size: 5',
      'Exchange: NSE',
      'No action needed: Positions Already Matched. No Action needed.',
    ];
    expect(bodyOf(noActionEvent())).to.deep.equal(expected);
    expect(bodyOf(inAnalyzeMode(noActionEvent()))).to.deep.equal(expected);
    expect(renderAlert(noActionEvent())).not.to.include('Order ID');
  });

  it('uses the response message when the event has none, and N/A when neither has', () => {
    const fromResponse = noActionEvent({ data: { message: undefined }, res: { message: 'Flat' } });
    expect(bodyOf(fromResponse).at(-1)).to.equal('No action needed: Flat');
    const none = noActionEvent({ data: { message: undefined }, res: { message: undefined } });
    expect(bodyOf(none).at(-1)).to.equal('No action needed: N/A');
  });

  it('keeps the Smart Order title', () => {
    expect(renderAlert(noActionEvent()).split('\n')[0]).to.equal('*Smart Order Placed*');
  });
});

describe('alert bodies: order.update', () => {
  it('shows status, filled and pending quantity and average price', () => {
    expect(renderAlert(orderUpdateEvent())).to.equal(
      '*Order Update*\n*LIVE MODE - Real Order*\n---------------------\nOrder ID: 250408000989443\nSymbol: RELIANCE\nExchange: NSE\nAction: BUY\nQuantity: 10\nStatus: open\nFilled Quantity: 4\nPending Quantity: 6\nAverage Price: 1186.0\nTime: 10:15:02',
    );
  });

  it('adds the rejection reason for a rejection', () => {
    const event = orderUpdateEvent({
      data: {
        order_status: 'rejected',
        rejection_reason: 'RMS: Margin exceeds',
        filled_quantity: 0,
      },
    });
    expect(bodyOf(event).slice(-4)).to.deep.equal([
      'Filled Quantity: 0',
      'Pending Quantity: 6',
      'Average Price: 1186.0',
      'Rejection Reason: RMS: Margin exceeds',
    ]);
  });

  it('prints Rejection Reason: N/A for a rejection without a reason', () => {
    const event = orderUpdateEvent({ data: { order_status: 'REJECTED', rejection_reason: null } });
    expect(bodyOf(event).at(-1)).to.equal('Rejection Reason: N/A');
  });

  it('renders numeric fields from strings and numbers identically', () => {
    const textual = orderUpdateEvent({
      data: { quantity: '10', filled_quantity: '4', pending_quantity: '6', average_price: '1186' },
    });
    expect(renderAlert(textual)).to.equal(renderAlert(orderUpdateEvent()));
  });

  it('falls back to response_data for fields the typed event lacks', () => {
    const event = orderUpdateEvent({ data: { symbol: undefined }, res: { symbol: 'TCS' } });
    expect(bodyOf(event)[1]).to.equal('Symbol: TCS');
  });

  it('marks analyze-mode updates', () => {
    expect(renderAlert(orderUpdateEvent({ data: { mode: 'analyze' } }))).to.include(
      '\n*ANALYZE MODE - No Real Order*\n',
    );
  });
});
