/**
 * `/tradebook`: each trade as two aligned lines (side, symbol, exchange, quantity; then time,
 * product, fill price and trade value) and the bought/sold totals.
 */
import { toNumber } from '../../host/numbers.ts';
import type { HostReply, Trade } from '../../host/types.ts';
import { clockPart, count, money, word } from './format.ts';
import { alignLines, monospace, plural, title, type SplitLine } from './layout.ts';

function tradeLines(trade: Trade): SplitLine[] {
  return [
    {
      left: `${word(trade.action)} ${word(trade.symbol)} ${word(trade.exchange)}`,
      right: count(trade.quantity),
    },
    {
      left: `  ${clockPart(trade.timestamp)} ${word(trade.product)} @ ${money(trade.average_price)}`,
      right: money(trade.trade_value),
    },
  ];
}

/** Sum of trade values per side; trades without a readable value are skipped. */
function sideTotals(trades: readonly Trade[]): { bought: number; sold: number } {
  let bought = 0;
  let sold = 0;
  for (const trade of trades) {
    const value = toNumber(trade.trade_value) ?? 0;
    if (word(trade.action).toUpperCase() === 'SELL') sold += value;
    else bought += value;
  }
  return { bought, sold };
}

/** Renders the tradebook reply. */
export function presentTradebook(reply: HostReply<Trade[]>): string {
  const trades = reply.data;
  const heading = title('Tradebook', reply.mode);
  if (trades.length === 0) return `${heading}\nNo trades today.`;
  const { bought, sold } = sideTotals(trades);
  return [
    `${heading} (${plural(trades.length, 'trade')})`,
    monospace(alignLines(trades.flatMap(tradeLines))),
    `Bought ${money(bought)} · Sold ${money(sold)}`,
  ].join('\n');
}
