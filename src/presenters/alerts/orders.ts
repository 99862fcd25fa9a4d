/**
 * Bodies of single-order alerts (research §2.3): placeorder, placesmartorder, modifyorder,
 * cancelorder, cancelallorder, closeposition, plus our `order.no_action` body (SPEC §4.4).
 */
import { isSuccess, type AlertContext } from './context.ts';
import { count, firstPresent, isTruthy, list, text, textOr } from './values.ts';

/** OpenAlgo prints this when an error response has no message. */
const FAILED = 'Failed';
/** OpenAlgo lists cancelled order ids only when there are 1 to 5 of them. */
const MAX_LISTED_IDS = 5;

/** `Error: {message}` with OpenAlgo's `Failed` default. */
function errorLine(ctx: AlertContext): string {
  return `Error: ${textOr(ctx.res.message, FAILED)}`;
}

/** placeorder: the order's fields, then its id or the error. */
export function placeOrderBody(ctx: AlertContext): string[] {
  const { req, res } = ctx;
  return [
    `Symbol: ${text(req.symbol)}`,
    `Action: ${text(req.action)}`,
    `Quantity: ${count(req.quantity)}`,
    `Price Type: ${text(req.pricetype)}`,
    `Exchange: ${text(req.exchange)}`,
    `Product: ${text(req.product)}`,
    isSuccess(res) ? `Order ID: ${text(res.orderid)}` : errorLine(ctx),
  ];
}

/** The request lines every smart-order alert starts with. */
function smartOrderLines({ req }: AlertContext): string[] {
  return [
    `Symbol: ${text(req.symbol)}`,
    `Action: ${text(req.action)}`,
    `Quantity: ${count(req.quantity)}`,
    `Position Size: ${count(req.position_size)}`,
    `Exchange: ${text(req.exchange)}`,
  ];
}

/** placesmartorder: the request, then the order id on success (OpenAlgo has no error branch). */
export function smartOrderBody(ctx: AlertContext): string[] {
  const lines = smartOrderLines(ctx);
  if (isSuccess(ctx.res)) lines.push(`Order ID: ${text(ctx.res.orderid)}`);
  return lines;
}

/**
 * order.no_action: says why nothing was placed instead of OpenAlgo's `Order ID: N/A`. The event's
 * own `message` comes with a leading space, which is trimmed.
 */
export function noActionBody(ctx: AlertContext): string[] {
  const message = text(firstPresent(ctx.data.message, ctx.res.message)).trimStart();
  return [...smartOrderLines(ctx), `No action needed: ${message}`];
}

/** modifyorder: the new quantity and price, then success or the error. */
export function modifyOrderBody(ctx: AlertContext): string[] {
  const { req, res } = ctx;
  return [
    `Order ID: ${text(req.orderid)}`,
    `Symbol: ${text(req.symbol)}`,
    `New Quantity: ${count(req.quantity)}`,
    `New Price: ${count(req.price)}`,
    isSuccess(res) ? 'Modification Successful' : errorLine(ctx),
  ];
}

/** cancelorder: the order id, then success or the error. */
export function cancelOrderBody(ctx: AlertContext): string[] {
  return [
    `Order ID: ${text(ctx.req.orderid)}`,
    isSuccess(ctx.res) ? 'Cancellation Successful' : errorLine(ctx),
  ];
}

/** cancelallorder: counts (and the ids when few) on success; nothing at all otherwise. */
export function cancelAllBody({ res }: AlertContext): string[] {
  if (!isSuccess(res)) return [];
  const cancelled = list(res.canceled_orders);
  const lines = [
    `Cancelled: ${cancelled.length} orders`,
    `Failed: ${list(res.failed_cancellations).length} orders`,
  ];
  if (cancelled.length >= 1 && cancelled.length <= MAX_LISTED_IDS) {
    lines.push(`Order IDs: ${cancelled.map(text).join(', ')}`);
  }
  return lines;
}

/** closeposition: one position's details, a close-all tally, or the error. */
export function closePositionBody(ctx: AlertContext): string[] {
  const { req, res } = ctx;
  if (!isSuccess(res)) return [errorLine(ctx)];
  if (isTruthy(req.symbol)) {
    return [
      `Symbol: ${text(req.symbol)}`,
      `Exchange: ${text(req.exchange)}`,
      `Product: ${text(req.product)}`,
      `Order ID: ${text(res.orderid)}`,
    ];
  }
  const closed = res.closed_positions;
  const failed = res.failed_closures;
  if (!isTruthy(closed) && !isTruthy(failed)) return ['All positions closed successfully'];
  return [
    `Closed: ${count(firstPresent(closed, 0))} positions`,
    `Failed: ${count(firstPresent(failed, 0))} positions`,
  ];
}
