/**
 * GTT alert bodies. OpenAlgo sends GTT alerts with no body at all (SPEC §13 lists it as a gap); we
 * show the symbol, exchange, trigger id, trigger type and prices, the order a trigger placed and
 * why a trigger expired. Each value comes from the event's typed field first (the host's parsed
 * view), then from the response or request it was built from.
 */
import { isSuccess, type AlertContext } from './context.ts';
import {
  field,
  firstPresent,
  isMissing,
  isTruthy,
  list,
  MISSING,
  pyFloat,
  text,
} from './values.ts';

/** `Symbol:` and `Exchange:` lines. */
function instrumentLines({ data, req }: AlertContext): string[] {
  return [
    `Symbol: ${text(firstPresent(data.symbol, req.symbol))}`,
    `Exchange: ${text(firstPresent(data.exchange, req.exchange))}`,
  ];
}

/** `Trigger ID:`: the id the response confirms, else the one the host or request names. */
function triggerIdLine({ data, req, res }: AlertContext): string {
  return `Trigger ID: ${text(firstPresent(res.trigger_id, data.trigger_id, req.trigger_id))}`;
}

/** Trigger prices from the typed field, the request, or the request's legs, as Python floats. */
function triggerPrices({ data, req }: AlertContext): string {
  const typed = firstPresent(data.trigger_prices, req.trigger_prices);
  const prices = isMissing(typed)
    ? list(field(req, 'legs')).map((leg) => field(leg, 'trigger_price'))
    : list(typed);
  const present = prices.filter((price) => !isMissing(price));
  return present.length > 0 ? present.map(pyFloat).join(', ') : MISSING;
}

/** `Trigger Type:` and `Trigger Prices:` lines. */
function triggerLines(ctx: AlertContext): string[] {
  const type = firstPresent(ctx.data.trigger_type, ctx.req.trigger_type);
  return [`Trigger Type: ${text(type)}`, `Trigger Prices: ${triggerPrices(ctx)}`];
}

/** `Error:` when the response reports a failure (a missing status counts as fine). */
function errorLines({ res }: AlertContext): string[] {
  if (isMissing(res.status) || isSuccess(res)) return [];
  return [`Error: ${text(firstPresent(res.message, 'Failed'))}`];
}

/** gtt.placed and gtt.modified: the instrument and the trigger in full. */
export function gttDetailsBody(ctx: AlertContext): string[] {
  return [...instrumentLines(ctx), triggerIdLine(ctx), ...triggerLines(ctx), ...errorLines(ctx)];
}

/** gtt.cancelled: the trigger id (with the instrument when known) and the outcome. */
export function gttCancelledBody(ctx: AlertContext): string[] {
  const instrument = isTruthy(firstPresent(ctx.data.symbol, ctx.req.symbol))
    ? instrumentLines(ctx)
    : [];
  const outcome = errorLines(ctx);
  return [
    ...instrument,
    triggerIdLine(ctx),
    ...(outcome.length ? outcome : ['Cancellation Successful']),
  ];
}

/** gtt.triggered: the trigger and the order it placed. */
export function gttTriggeredBody(ctx: AlertContext): string[] {
  const orderId = firstPresent(ctx.data.triggered_order_id, ctx.res.orderid);
  return [
    ...instrumentLines(ctx),
    triggerIdLine(ctx),
    `Trigger Prices: ${triggerPrices(ctx)}`,
    `Order ID: ${text(orderId)}`,
  ];
}

/** gtt.expired: the trigger and the host's reason. */
export function gttExpiredBody(ctx: AlertContext): string[] {
  const message = firstPresent(ctx.res.message, ctx.data.message);
  return [...instrumentLines(ctx), triggerIdLine(ctx), `Message: ${text(message)}`];
}
