/**
 * `/positions`: open positions (quantity ≠ 0) as two aligned lines each (symbol, exchange,
 * product, signed quantity; then average → LTP and P&L), positions closed today summarised, and
 * the total P&L (the sandbox's own total when it sends one, else the sum of every row).
 */
import { toNumber } from '../../host/numbers.ts';
import type { Position, PositionbookReply } from '../../host/types.ts';
import { money, signedMoney, signedQuantity, word } from './format.ts';
import { alignLines, monospace, plural, title, type SplitLine } from './layout.ts';

/** True for a position still open: a readable, non-zero quantity. */
export function isOpenPosition(position: Position): boolean {
  const quantity = toNumber(position.quantity);
  return quantity !== null && quantity !== 0;
}

/** The first line of a position: `RELIANCE NSE MIS` … `+10`. */
export function positionHeadLine(position: Position): SplitLine {
  return {
    left: `${word(position.symbol)} ${word(position.exchange)} ${word(position.product)}`,
    right: signedQuantity(position.quantity),
  };
}

function positionLines(position: Position): SplitLine[] {
  return [
    positionHeadLine(position),
    {
      left: `  ${money(position.average_price)} → ${money(position.ltp)}`,
      right: signedMoney(position.pnl),
    },
  ];
}

function totalPnl(reply: PositionbookReply): number {
  const hostTotal = toNumber(reply.totals.total_pnl);
  if (hostTotal !== null) return hostTotal;
  return reply.data.reduce((sum, position) => sum + (toNumber(position.pnl) ?? 0), 0);
}

function closedLine(closed: readonly Position[]): string | null {
  if (closed.length === 0) return null;
  const pnl = closed.reduce((sum, position) => sum + (toNumber(position.pnl) ?? 0), 0);
  return `Closed today: ${plural(closed.length, 'position')}, P&L ${signedMoney(pnl)}`;
}

/** Renders the positions reply. */
export function presentPositions(reply: PositionbookReply): string {
  const open = reply.data.filter(isOpenPosition);
  const closed = reply.data.filter((position) => !isOpenPosition(position));
  const heading = title('Positions', reply.mode);
  const lines =
    open.length === 0
      ? [heading, 'No open positions.']
      : [
          `${heading} (${open.length} open)`,
          monospace(['qty · avg → LTP · P&L', ...alignLines(open.flatMap(positionLines))]),
        ];
  const closedSummary = closedLine(closed);
  if (closedSummary !== null) lines.push(closedSummary);
  if (reply.data.length > 0) lines.push(`*Total P&L ${signedMoney(totalPnl(reply))}*`);
  return lines.join('\n');
}
