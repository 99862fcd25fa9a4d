/**
 * `order.update` body: a broker fill or rejection (OpenAlgo never sends these to WhatsApp; we do,
 * behind the `trade_notifications` preference). The host's typed fields come first, then the
 * response and the request, because updates usually carry no request/response of their own.
 */
import type { AlertContext } from './context.ts';
import { count, field, firstPresent, isTruthy, pyFloat, text } from './values.ts';

/** The named field from `data`, else `response_data`, else `request_data`. */
function pickField({ data, req, res }: AlertContext, key: string): unknown {
  return firstPresent(data[key], field(res, key), field(req, key));
}

/**
 * Order, status, filled and pending quantity, average price; then the rejection reason when there
 * is one or the order was rejected (an absent reason then prints `N/A`).
 */
export function orderUpdateBody(ctx: AlertContext): string[] {
  const get = (key: string) => pickField(ctx, key);
  const status = get('order_status');
  const lines = [
    `Order ID: ${text(get('orderid'))}`,
    `Symbol: ${text(get('symbol'))}`,
    `Exchange: ${text(get('exchange'))}`,
    `Action: ${text(get('action'))}`,
    `Quantity: ${count(get('quantity'))}`,
    `Status: ${text(status)}`,
    `Filled Quantity: ${count(get('filled_quantity'))}`,
    `Pending Quantity: ${count(get('pending_quantity'))}`,
    `Average Price: ${pyFloat(get('average_price'))}`,
  ];
  const reason = get('rejection_reason');
  const rejected = typeof status === 'string' && status.toLowerCase() === 'rejected';
  if (isTruthy(reason) || rejected) lines.push(`Rejection Reason: ${text(reason)}`);
  return lines;
}
