/**
 * `/holdings`: each holding as two aligned lines (symbol, exchange, quantity; then average price,
 * P&L % and P&L) and the host's totals (current value, invested, P&L).
 */
import type { Holding, HoldingsData, HostReply } from '../../host/types.ts';
import { count, money, signedMoney, signedPercent, word } from './format.ts';
import { alignLines, keyValues, monospace, plural, title, type SplitLine } from './layout.ts';

function holdingLines(holding: Holding): SplitLine[] {
  return [
    { left: `${word(holding.symbol)} ${word(holding.exchange)}`, right: count(holding.quantity) },
    {
      left: `  avg ${money(holding.average_price)} ${signedPercent(holding.pnlpercent)}`,
      right: signedMoney(holding.pnl),
    },
  ];
}

/** Renders the holdings reply. */
export function presentHoldings(reply: HostReply<HoldingsData>): string {
  const { holdings, statistics } = reply.data;
  const heading = title('Holdings', reply.mode);
  if (holdings.length === 0) return `${heading}\nNo holdings.`;
  const totals = keyValues([
    ['Current value', money(statistics.totalholdingvalue)],
    ['Invested', money(statistics.totalinvvalue)],
    [
      'P&L',
      `${signedMoney(statistics.totalprofitandloss)} (${signedPercent(statistics.totalpnlpercentage)})`,
    ],
  ]);
  return [
    `${heading} (${plural(holdings.length, 'holding')})`,
    monospace([...alignLines(holdings.flatMap(holdingLines)), '', ...totals]),
  ].join('\n');
}
