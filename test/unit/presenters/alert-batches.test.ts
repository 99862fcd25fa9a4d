/** Body lines of multi-order alerts (research §2.3): basket, split, options, multi-leg options. */
import { expect } from 'chai';
import { renderAlert } from '../../../src/presenters/alerts/index.ts';
import {
  basketEvent,
  failedResult,
  inAnalyzeMode,
  leg,
  multiOrderEvent,
  okResult,
  optionsOrderEvent,
  splitEvent,
} from '../../support/alert-fixtures.ts';
import { bodyOf } from './alert-support.ts';

const ANALYZE = '*ANALYZE MODE - No Real Order*';

describe('alert bodies: basketorder', () => {
  it('tallies the results and marks each one, live and analyze', () => {
    const expected = [
      'Total Orders: 2',
      'Successful: 1',
      'Failed: 1',
      '[OK] SBIN: 2001',
      '[X] INFY: Insufficient funds',
    ];
    expect(bodyOf(basketEvent())).to.deep.equal(expected);
    expect(bodyOf(inAnalyzeMode(basketEvent()))).to.deep.equal(expected);
    expect(renderAlert(inAnalyzeMode(basketEvent()))).to.include(ANALYZE);
  });

  it('shows the first three results and counts the rest', () => {
    const results = ['A', 'B', 'C', 'D', 'E'].map((s, i) => okResult(s, `90${i}`));
    expect(bodyOf(basketEvent({ res: { results } }))).to.deep.equal([
      'Total Orders: 5',
      'Successful: 5',
      'Failed: 0',
      '[OK] A: 900',
      '[OK] B: 901',
      '[OK] C: 902',
      '... and 2 more',
    ]);
  });

  it('prints N/A for a result with neither order id nor message, or no symbol', () => {
    const results = [
      { symbol: 'TCS', status: 'error' },
      { status: 'success', orderid: '7' },
    ];
    expect(bodyOf(basketEvent({ res: { results } })).slice(3)).to.deep.equal([
      '[X] TCS: N/A',
      '[OK] N/A: 7',
    ]);
  });

  it('has no body when the basket failed as a whole', () => {
    const event = basketEvent({ res: { status: 'error', message: 'Invalid basket' } });
    expect(bodyOf(event)).to.deep.equal([]);
  });
});

describe('alert bodies: splitorder', () => {
  it('prints sizes and tally on full success, live and analyze', () => {
    const expected = [
      'Symbol: YESBANK',
      'Total Quantity: 300',
      'Split Size: 100',
      'Total Orders: 3',
      'Successful: 3',
      'Failed: 0',
    ];
    expect(bodyOf(splitEvent())).to.deep.equal(expected);
    expect(bodyOf(inAnalyzeMode(splitEvent()))).to.deep.equal(expected);
  });

  it('reports a partial fill with the first failure reason', () => {
    const results = [
      { order_num: 1, quantity: 100, status: 'success', orderid: '1' },
      { order_num: 2, quantity: 100, status: 'error', message: 'Margin exceeded' },
      { order_num: 3, quantity: 100, status: 'error', message: 'Later reason' },
    ];
    expect(bodyOf(splitEvent({ res: { results } })).slice(3)).to.deep.equal([
      'Total Orders: 3',
      'Successful: 1',
      'Failed: 2',
      'Partial fill',
      'Reason: Margin exceeded',
    ]);
  });

  it('omits the reason when the first failure has no message', () => {
    const results = [{ status: 'success', orderid: '1' }, { status: 'error' }];
    expect(bodyOf(splitEvent({ res: { results } })).slice(-1)).to.deep.equal(['Partial fill']);
  });

  it('says all orders rejected when none succeeded, even on an error status', () => {
    const results = [failedResult('YESBANK', 'Closed'), failedResult('YESBANK', 'Closed')];
    const body = bodyOf(splitEvent({ res: { status: 'error', results } }));
    expect(body.slice(-2)).to.deep.equal(['Failed: 2', 'All orders rejected']);
  });

  it('renders sizes from strings and numbers identically, N/A when absent', () => {
    const textual = bodyOf(splitEvent({ res: { total_quantity: '300', split_size: '100' } }));
    expect(textual).to.deep.equal(bodyOf(splitEvent()));
    const absent = bodyOf(splitEvent({ res: { total_quantity: undefined } }));
    expect(absent[1]).to.equal('Total Quantity: N/A');
  });
});

describe('alert bodies: optionsorder', () => {
  it('keeps the two-space quirk for results without symbol or action, live and analyze', () => {
    const expected = [
      'Underlying: NIFTY',
      'Total Legs: 2',
      'Successful: 2',
      'Failed: 0',
      '[OK] N/A  -> 25082400001',
      '[OK] N/A  -> 25082400002',
      'Underlying LTP: 24150.55',
    ];
    expect(bodyOf(optionsOrderEvent())).to.deep.equal(expected);
    expect(bodyOf(inAnalyzeMode(optionsOrderEvent()))).to.deep.equal(expected);
  });

  it('prints the underlying LTP like a Python float whatever its JSON type', () => {
    for (const ltp of [24150, '24150', '24150.0', 24150.0]) {
      const body = bodyOf(optionsOrderEvent({ res: { underlying_ltp: ltp } }));
      expect(body.at(-1)).to.equal('Underlying LTP: 24150.0');
    }
  });

  it('omits the LTP line when the LTP is zero or absent', () => {
    for (const ltp of [0, '0', undefined]) {
      const body = bodyOf(optionsOrderEvent({ res: { underlying_ltp: ltp } }));
      expect(body.at(-1)).to.equal('[OK] N/A  -> 25082400002');
    }
  });

  it('prints only the underlying and LTP when results are empty', () => {
    const body = bodyOf(optionsOrderEvent({ res: { results: [] } }));
    expect(body).to.deep.equal(['Underlying: NIFTY', 'Underlying LTP: 24150.55']);
  });

  it('prints the underlying then the error on failure', () => {
    const event = optionsOrderEvent({ res: { status: 'error', message: 'No expiry found' } });
    expect(bodyOf(event)).to.deep.equal(['Underlying: NIFTY', 'Error: No expiry found']);
  });
});

describe('alert bodies: optionsmultiorder', () => {
  it('lists legs with symbol and action, live and analyze', () => {
    const expected = [
      'Underlying: BANKNIFTY',
      'Total Legs: 2',
      'Successful: 2',
      'Failed: 0',
      '[OK] BANKNIFTY28AUG2651200CE SELL -> 4001',
      '[OK] BANKNIFTY28AUG2651200PE SELL -> 4002',
      'Underlying LTP: 51200.0',
    ];
    expect(bodyOf(multiOrderEvent())).to.deep.equal(expected);
    expect(bodyOf(inAnalyzeMode(multiOrderEvent()))).to.deep.equal(expected);
  });

  it('shows only the first five legs, with failures marked [X]', () => {
    const results: Array<Record<string, unknown>> = [1, 2, 3, 4, 5, 6].map((n) =>
      leg(n, `OPT${n}`, 'BUY', `50${n}`),
    );
    results[1] = { ...failedResult('OPT2', 'Freeze limit'), action: 'BUY' };
    const legs = bodyOf(multiOrderEvent({ res: { results } })).filter((l) => l.startsWith('['));
    expect(legs).to.deep.equal([
      '[OK] OPT1 BUY -> 501',
      '[X] OPT2 BUY -> Freeze limit',
      '[OK] OPT3 BUY -> 503',
      '[OK] OPT4 BUY -> 504',
      '[OK] OPT5 BUY -> 505',
    ]);
  });

  it('prints N/A for a split leg that carries split_results instead of an order id', () => {
    const split = { ...leg(1, 'OPT1', 'SELL', ''), orderid: undefined, split_results: [] };
    const body = bodyOf(multiOrderEvent({ res: { results: [split] } }));
    expect(body).to.include('[OK] OPT1 SELL -> N/A');
  });
});
