/** `/quote <symbol> [exchange]`: exchange defaults to NSE and is checked before calling the host. */
import { HOST_EXCHANGES, type HostExchange } from '../host/types.ts';
import { presentQuote, word } from '../presenters/replies/index.ts';
import type { CommandResult } from './context.ts';
import { defineCommand } from './registry.ts';

/** The usage line, also the reply when the symbol is missing. */
export const QUOTE_USAGE = 'Usage: /quote <symbol> [exchange]';

/** Letters, digits and the few marks real symbols use (`M&M`, `BAJAJ-AUTO`, `NIFTY 50` is not one). */
const SYMBOL = /^[A-Z0-9&_.-]{1,50}$/;

function isHostExchange(value: string): value is HostExchange {
  return (HOST_EXCHANGES as readonly string[]).includes(value);
}

/** Parses and checks the arguments; a usage reply when they are not usable. */
export function parseQuoteArgs(
  args: readonly string[],
): { symbol: string; exchange: HostExchange } | CommandResult {
  const [rawSymbol, rawExchange = 'NSE'] = args;
  if (rawSymbol === undefined) return { reply: QUOTE_USAGE, outcome: 'usage' };
  const symbol = rawSymbol.toUpperCase();
  const exchange = rawExchange.toUpperCase();
  if (!SYMBOL.test(symbol)) {
    return { reply: `"${word(rawSymbol)}" is not a symbol.\n${QUOTE_USAGE}`, outcome: 'usage' };
  }
  if (!isHostExchange(exchange)) {
    return {
      reply: `Unknown exchange "${word(rawExchange)}". Use one of: ${HOST_EXCHANGES.join(', ')}.\n${QUOTE_USAGE}`,
      outcome: 'usage',
    };
  }
  return { symbol, exchange };
}

/** The quote command. */
export const quoteCommand = defineCommand({
  name: 'quote',
  description: 'last price, change, open/high/low, volume',
  usage: '/quote <symbol> [exchange]',
  async handler({ args, host }) {
    const parsed = parseQuoteArgs(args);
    if ('reply' in parsed) return parsed;
    const quote = await host.quotes(parsed.symbol, parsed.exchange);
    return { reply: presentQuote(parsed.symbol, parsed.exchange, quote.data) };
  },
});
