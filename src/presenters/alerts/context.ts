/**
 * What a body renderer sees: the topic, the event's `data`, and its `request_data` /
 * `response_data` under OpenAlgo's short names (`req`, `res`), so templates read like the research.
 */
import type { OrderEventData, RequestData, ResponseData } from '../../http/schemas/order-event.ts';

/** Inputs of one alert body. */
export interface AlertContext {
  /** The event topic, e.g. `order.placed`. */
  topic: string;
  data: OrderEventData;
  req: RequestData;
  res: ResponseData;
}

/** Renders the body lines of one alert (between the separator and the `Time:` line). */
export type BodyRenderer = (ctx: AlertContext) => string[];

/** OpenAlgo's success test: `response_data.status == "success"`. */
export function isSuccess(res: ResponseData): boolean {
  return res.status === 'success';
}

/** `[OK]` for a successful result item, `[X]` otherwise (OpenAlgo's text markers). */
export function resultMarker(item: unknown): string {
  return typeof item === 'object' &&
    item !== null &&
    (item as { status?: unknown }).status === 'success'
    ? '[OK]'
    : '[X]';
}

/** Successful and failed counts of a results list (failed = all that are not `success`). */
export function tally(results: unknown[]): { total: number; successful: number; failed: number } {
  const successful = results.filter((item) => resultMarker(item) === '[OK]').length;
  return { total: results.length, successful, failed: results.length - successful };
}
