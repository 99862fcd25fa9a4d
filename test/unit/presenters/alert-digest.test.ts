/** Delivery texts of SPEC §4.4: delayed prefix, missed-alerts digest and coalesced bursts. */
import { expect } from 'chai';
import {
  renderAlert,
  renderBurst,
  renderDelayedPrefix,
  renderMissedDigest,
  type MissedAlert,
} from '../../../src/presenters/alerts/index.ts';
import {
  cancelOrderEvent,
  closePositionEvent,
  gttCancelledEvent,
  inAnalyzeMode,
  placeOrderEvent,
} from '../../support/alert-fixtures.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('renderDelayedPrefix', () => {
  const cases: Array<[number, string]> = [
    [59 * SECOND, '_Delayed by 59s_'],
    [59 * SECOND + 999, '_Delayed by 59s_'],
    [4 * MINUTE + 12 * SECOND, '_Delayed by 4m12s_'],
    [4 * MINUTE + 5 * SECOND, '_Delayed by 4m05s_'],
    [HOUR + 2 * MINUTE + 40 * SECOND, '_Delayed by 1h02m_'],
    [26 * HOUR + 5 * MINUTE, '_Delayed by 1d02h_'],
    [-5 * SECOND, '_Delayed by 0s_'],
  ];
  for (const [ms, expected] of cases) {
    it(`formats ${ms} ms as ${expected}`, () => {
      expect(renderDelayedPrefix(ms)).to.equal(expected);
    });
  }
});

describe('renderMissedDigest', () => {
  const at = (iso: string) => new Date(iso);
  const item = (title: string, iso: string): MissedAlert => ({ title, eventAt: at(iso) });

  it('lists the alerts newest first with their local times', () => {
    const items = [
      item('*Order Placed*', '2026-08-24T04:45:02Z'),
      item('Order Cancelled', '2026-08-24T05:00:00Z'),
      item('*Position Closed*', '2026-08-24T04:50:30Z'),
    ];
    expect(renderMissedDigest(items, 3, 'Asia/Kolkata')).to.equal(
      [
        'While disconnected you missed 3 alerts:',
        '- 10:30:00 Order Cancelled',
        '- 10:20:30 Position Closed',
        '- 10:15:02 Order Placed',
      ].join('\n'),
    );
  });

  it('uses the singular for one alert and defaults to Asia/Kolkata', () => {
    const text = renderMissedDigest([item('Order Placed', '2026-08-24T04:45:02Z')], 1);
    expect(text).to.equal('While disconnected you missed 1 alert:\n- 10:15:02 Order Placed');
  });

  it('caps the list at 20 and counts the rest', () => {
    const items = Array.from({ length: 25 }, (_, i) =>
      item(`Alert ${i}`, new Date(Date.UTC(2026, 7, 24, 4, i)).toISOString()),
    );
    const lines = renderMissedDigest(items, 25, 'UTC').split('\n');
    expect(lines[0]).to.equal('While disconnected you missed 25 alerts:');
    expect(lines).to.have.length(22);
    expect(lines[1]).to.equal('- 04:24:00 Alert 24');
    expect(lines[20]).to.equal('- 04:05:00 Alert 5');
    expect(lines[21]).to.equal('…and 5 more');
  });

  it('counts alerts the caller did not load', () => {
    const items = [item('Order Placed', '2026-08-24T04:45:02Z')];
    const lines = renderMissedDigest(items, 40, 'UTC').split('\n');
    expect(lines[0]).to.equal('While disconnected you missed 40 alerts:');
    expect(lines.at(-1)).to.equal('…and 39 more');
  });

  it('adds the day to every line when the alerts span several days', () => {
    const items = [
      item('Order Placed', '2026-08-23T09:00:00Z'),
      item('Order Modified', '2026-08-24T04:45:02Z'),
    ];
    expect(renderMissedDigest(items, 2, 'Asia/Kolkata').split('\n').slice(1)).to.deep.equal([
      '- 24 Aug 10:15:02 Order Modified',
      '- 23 Aug 14:30:00 Order Placed',
    ]);
  });
});

describe('renderBurst', () => {
  it('lists each alert by title and first body line under a count header', () => {
    const alerts = [
      renderAlert(placeOrderEvent()),
      renderAlert(inAnalyzeMode(cancelOrderEvent())),
      renderAlert(closePositionEvent()),
    ];
    expect(renderBurst(alerts)).to.equal(
      [
        '*3 alerts*',
        '',
        '*Order Placed*',
        'Symbol: RELIANCE',
        '',
        '*Order Cancelled* _(analyze)_',
        'Order ID: 250408001003813',
        '',
        '*Position Closed*',
        'All positions closed successfully',
      ].join('\n'),
    );
  });

  it('drops delayed prefixes and uses the Time line of a bodiless alert', () => {
    const bodiless = renderAlert(
      closePositionEvent({
        type: 'orders.all_cancelled',
        data: { api_type: 'cancelallorder' },
        res: { status: 'error' },
      }),
    );
    const delayed = `${renderDelayedPrefix(4 * MINUTE)}\n${renderAlert(gttCancelledEvent())}`;
    expect(renderBurst([bodiless, delayed])).to.equal(
      '*2 alerts*\n\n*All Orders Cancelled*\nTime: 10:15:02\n\n*Order Update*\nTrigger ID: 105099',
    );
  });

  it('uses the second line of a text that is not an alert', () => {
    expect(renderBurst(['*Note*\nhello\nworld', 'single'])).to.equal(
      '*2 alerts*\n\n*Note*\nhello\n\nsingle',
    );
  });
});
