/**
 * `/quote`: LTP, change and % against the previous close, open/high/low, volume, bid/ask.
 * Quotes always come from the live broker, so there is no analyze marker.
 */
import { toNumber } from '../../host/numbers.ts';
import type { Quote } from '../../host/types.ts';
import { count, money, NOT_AVAILABLE, signedMoney, signedPercent, word } from './format.ts';
import { keyValues, monospace } from './layout.ts';

/** `+22.05 (+1.89%)` against the previous close; `n/a` when either price is missing or zero. */
export function changeText(quote: Quote): string {
  const ltp = toNumber(quote.ltp);
  const previous = toNumber(quote.prev_close);
  if (ltp === null || previous === null || previous === 0) return NOT_AVAILABLE;
  const change = ltp - previous;
  return `${signedMoney(change)} (${signedPercent((change / previous) * 100)})`;
}

/** Renders the quote reply for `symbol` on `exchange`. */
export function presentQuote(symbol: string, exchange: string, quote: Quote): string {
  return [
    `*${word(symbol)}* ${word(exchange)}`,
    monospace(
      keyValues([
        ['LTP', money(quote.ltp)],
        ['Change', changeText(quote)],
        ['Open', money(quote.open)],
        ['High', money(quote.high)],
        ['Low', money(quote.low)],
        ['Prev close', money(quote.prev_close)],
        ['Volume', count(quote.volume)],
        ['Bid / Ask', `${money(quote.bid)} / ${money(quote.ask)}`],
      ]),
    ),
  ].join('\n');
}
