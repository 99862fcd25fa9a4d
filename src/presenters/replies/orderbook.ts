/**
 * `/orderbook`: each order as two aligned lines (status tag, side, symbol, quantity; then
 * exchange, product, price type, time and price), a rejection reason when there is one, and the
 * host's statistics line.
 */
import type { HostReply, Order, OrderbookData, OrderStatistics } from '../../host/types.ts';
import { toNumber } from '../../host/numbers.ts';
import { clockPart, count, money, word } from './format.ts';
import { alignLines, monospace, plural, title, type SplitLine } from './layout.ts';

const STATUS_TAGS: Record<string, string> = {
  complete: '[OK]',
  open: '[OPEN]',
  pending: '[OPEN]',
  'trigger pending': '[TRIGGER]',
  rejected: '[REJECTED]',
  cancelled: '[CANCELLED]',
};

/** The tag shown for an order status: `[OK]`, `[OPEN]`, `[REJECTED]`, … or the status upper-cased. */
export function statusTag(status: unknown): string {
  const key = word(status).toLowerCase();
  return STATUS_TAGS[key] ?? `[${word(status).toUpperCase()}]`;
}

/** The limit price, else the average fill price, else `MKT`. */
function priceOf(order: Order): string {
  for (const value of [order.price, order.average_price]) {
    const n = toNumber(value);
    if (n !== null && n > 0) return money(n);
  }
  return 'MKT';
}

function orderLines(order: Order): SplitLine[] {
  const lines: SplitLine[] = [
    {
      left: `${statusTag(order.order_status)} ${word(order.action)} ${word(order.symbol)}`,
      right: count(order.quantity),
    },
    {
      left: `  ${word(order.exchange)} ${word(order.product)} ${word(order.pricetype)} ${clockPart(order.timestamp)}`,
      right: priceOf(order),
    },
  ];
  const reason = typeof order.rejection_reason === 'string' ? order.rejection_reason.trim() : '';
  if (reason !== '') lines.push({ left: `  ! ${word(reason)}`, right: '' });
  return lines;
}

/** `Buy 2 · Sell 1 · Done 1 · Open 1 · Rejected 1` (+ trigger pending when the host counts it). */
export function statisticsLine(stats: OrderStatistics): string {
  const parts = [
    `Buy ${count(stats.total_buy_orders)}`,
    `Sell ${count(stats.total_sell_orders)}`,
    `Done ${count(stats.total_completed_orders)}`,
    `Open ${count(stats.total_open_orders)}`,
    `Rejected ${count(stats.total_rejected_orders)}`,
  ];
  if (stats.total_trigger_pending_orders !== undefined) {
    parts.push(`Trigger pending ${count(stats.total_trigger_pending_orders)}`);
  }
  return parts.join(' · ');
}

/** Renders the orderbook reply. */
export function presentOrderbook(reply: HostReply<OrderbookData>): string {
  const { orders, statistics } = reply.data;
  const heading = title('Orderbook', reply.mode);
  if (orders.length === 0) return `${heading}\nNo orders today.`;
  return [
    `${heading} (${plural(orders.length, 'order')})`,
    monospace(alignLines(orders.flatMap(orderLines))),
    statisticsLine(statistics),
  ].join('\n');
}
