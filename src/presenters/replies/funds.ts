/**
 * `/funds` and `/pnl`, both from the host's funds endpoint. `/pnl` follows OpenAlgo's Telegram
 * bot: realised is `m2mrealized`, unrealised is `m2munrealized`, total is their sum.
 */
import { toNumber } from '../../host/numbers.ts';
import type { Funds, HostReply } from '../../host/types.ts';
import { money, signedMoney } from './format.ts';
import { keyValues, monospace, title } from './layout.ts';

/** Rows shown when the host sends them, in this order (sandbox-only rows last). */
const FUNDS_ROWS: ReadonlyArray<readonly [keyof Funds, string, 'money' | 'signed']> = [
  ['availablecash', 'Available cash', 'money'],
  ['collateral', 'Collateral', 'money'],
  ['utiliseddebits', 'Used margin', 'money'],
  ['m2mrealized', 'Realised P&L', 'signed'],
  ['m2munrealized', 'Unrealised P&L', 'signed'],
  ['grossexposure', 'Gross exposure', 'money'],
  ['total_realized_pnl', 'Realised P&L (all time)', 'signed'],
];

/** Renders the funds reply. */
export function presentFunds(reply: HostReply<Funds>): string {
  const funds = reply.data;
  const rows = FUNDS_ROWS.filter(([key]) => funds[key] !== undefined).map(
    ([key, label, kind]) =>
      [label, kind === 'money' ? money(funds[key]) : signedMoney(funds[key])] as const,
  );
  const heading = title('Funds', reply.mode);
  if (rows.length === 0) return `${heading}\nThe broker returned no funds data.`;
  return [heading, monospace(keyValues(rows))].join('\n');
}

/** Renders the P&L reply: realised, unrealised and their total. */
export function presentPnl(reply: HostReply<Funds>): string {
  const realised = toNumber(reply.data.m2mrealized);
  const unrealised = toNumber(reply.data.m2munrealized);
  const heading = title('P&L today', reply.mode);
  if (realised === null && unrealised === null) {
    return `${heading}\nThe broker returned no P&L figures.`;
  }
  // At least one figure is known here; a missing one counts as zero in the total.
  const total = (realised ?? 0) + (unrealised ?? 0);
  return [
    heading,
    monospace(
      keyValues([
        ['Realised', signedMoney(realised)],
        ['Unrealised', signedMoney(unrealised)],
        ['Total', signedMoney(total)],
      ]),
    ),
  ].join('\n');
}
