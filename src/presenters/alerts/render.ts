/**
 * Assembles an alert exactly like OpenAlgo's WhatsApp formatter (research §2.1): the title, then
 * the details joined with `\n`: an optional `Strategy:` line, the mode line, the 21-hyphen
 * separator, the body for the `api_type`, and `Time: HH:MM:SS`. Differences, all from SPEC §4.4:
 * the time is the event's (in the recipient's timezone), mode falls back to `data.mode` when the
 * response has none, and GTT, no-action and order-update events get the bodies of their own files.
 */
import type { OrderEvent } from '../../http/schemas/order-event.ts';
import type { AlertContext, BodyRenderer } from './context.ts';
import { basketBody, optionsBody, splitBody } from './batches.ts';
import { gttCancelledBody, gttDetailsBody, gttExpiredBody, gttTriggeredBody } from './gtt.ts';
import { orderUpdateBody } from './order-update.ts';
import {
  cancelAllBody,
  cancelOrderBody,
  closePositionBody,
  modifyOrderBody,
  noActionBody,
  placeOrderBody,
  smartOrderBody,
} from './orders.ts';
import { DEFAULT_TIME_ZONE, formatClock } from './time.ts';
import { isTruthy, text, textOr } from './values.ts';

/** 21 ASCII hyphens, as OpenAlgo prints them. */
export const SEPARATOR = '-'.repeat(21);
/** Mode lines, decided by `response_data.mode` first, then `data.mode`; absent means live. */
export const LIVE_MODE_LINE = '*LIVE MODE - Real Order*';
export const ANALYZE_MODE_LINE = '*ANALYZE MODE - No Real Order*';

/** Title by `api_type` (research §2.2); anything else, GTT included, is `Order Update`. */
const TITLES: ReadonlyMap<string, string> = new Map([
  ['placeorder', 'Order Placed'],
  ['placesmartorder', 'Smart Order Placed'],
  ['basketorder', 'Basket Order Executed'],
  ['splitorder', 'Split Order Executed'],
  ['optionsorder', 'Options Order Executed'],
  ['optionsmultiorder', 'Options Multi-Order Executed'],
  ['modifyorder', 'Order Modified'],
  ['cancelorder', 'Order Cancelled'],
  ['cancelallorder', 'All Orders Cancelled'],
  ['closeposition', 'Position Closed'],
]);
const FALLBACK_TITLE = 'Order Update';

/** Bodies chosen by `api_type`, as OpenAlgo does. */
const BODIES_BY_API_TYPE: ReadonlyMap<string, BodyRenderer> = new Map([
  ['placeorder', placeOrderBody],
  ['placesmartorder', smartOrderBody],
  ['basketorder', basketBody],
  ['splitorder', splitBody],
  ['optionsorder', optionsBody],
  ['optionsmultiorder', optionsBody],
  ['modifyorder', modifyOrderBody],
  ['cancelorder', cancelOrderBody],
  ['cancelallorder', cancelAllBody],
  ['closeposition', closePositionBody],
]);

/** Our improved bodies, chosen by topic before `api_type`. */
const BODIES_BY_TOPIC: ReadonlyMap<string, BodyRenderer> = new Map([
  ['order.no_action', noActionBody],
  ['order.update', orderUpdateBody],
  ['gtt.placed', gttDetailsBody],
  ['gtt.modified', gttDetailsBody],
  ['gtt.cancelled', gttCancelledBody],
  ['gtt.triggered', gttTriggeredBody],
  ['gtt.expired', gttExpiredBody],
]);

/** Options of {@link renderAlert}. */
export interface RenderAlertOptions {
  /** IANA timezone of the recipient; default `Asia/Kolkata`; an unknown zone falls back to it. */
  timeZone?: string;
}

/** The plain title of an event's alert (no asterisks), e.g. `Order Placed`; for digests too. */
export function alertTitle(event: OrderEvent): string {
  if (event.type === 'order.update') return FALLBACK_TITLE;
  return TITLES.get(event.data.api_type) ?? FALLBACK_TITLE;
}

/** True when the alert is for a sandbox (analyze-mode) order. */
export function isAnalyzeMode(event: OrderEvent): boolean {
  const responseMode = event.data.response_data.mode;
  const mode = typeof responseMode === 'string' ? responseMode : event.data.mode;
  return mode === 'analyze';
}

/** Strategy, mode and separator lines. */
function headerLines(event: OrderEvent, ctx: AlertContext): string[] {
  // GTT and order updates have no OpenAlgo body to stay faithful to, so they may also use the
  // host's typed `strategy` when the request has none.
  const ownFormat = event.type === 'order.update' || event.type.startsWith('gtt.');
  const strategy = ownFormat && !isTruthy(ctx.req.strategy) ? ctx.data.strategy : ctx.req.strategy;
  const lines = isTruthy(strategy) ? [`Strategy: ${text(strategy)}`] : [];
  lines.push(isAnalyzeMode(event) ? ANALYZE_MODE_LINE : LIVE_MODE_LINE, SEPARATOR);
  return lines;
}

/** The body renderer for an event: by topic for our own bodies, else by `api_type`. */
function bodyFor(event: OrderEvent): BodyRenderer {
  return (
    BODIES_BY_TOPIC.get(event.type) ?? BODIES_BY_API_TYPE.get(event.data.api_type) ?? (() => [])
  );
}

/** The alert's details; like OpenAlgo, a renderer failure degrades to the order type and status. */
function detailLines(event: OrderEvent, timeZone: string): string[] {
  const { data } = event;
  const ctx: AlertContext = {
    topic: event.type,
    data,
    req: data.request_data,
    res: data.response_data,
  };
  try {
    const time = `Time: ${formatClock(new Date(event.timestamp), timeZone)}`;
    return [...headerLines(event, ctx), ...bodyFor(event)(ctx), time];
  } catch {
    return [`Order Type: ${text(data.api_type)}`, `Status: ${textOr(ctx.res?.status, 'unknown')}`];
  }
}

/**
 * The WhatsApp text of an order event, byte-compatible with OpenAlgo's alert format (research
 * §2.4) apart from the SPEC §4.4 improvements described at the top of this file.
 */
export function renderAlert(event: OrderEvent, options: RenderAlertOptions = {}): string {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return [`*${alertTitle(event)}*`, ...detailLines(event, timeZone)].join('\n');
}
