/**
 * Factories for the order events the host sends (SPEC §4.1-4.2): `{type, timestamp, data}` where
 * `data` carries `mode`, `api_type`, `request_data` (no `apikey`), `response_data`, `username` and
 * the topic's typed fields. Plus OpenAlgo's rendered alert examples (research/openalgo-formats.md
 * §2.4) with the events that produce them, for golden tests.
 */
import type { HostMode } from '../../../src/host/types.ts';
import { SANDBOX_ONLY_TOPICS, topicPayload } from './event-topics.ts';
import type { OrderTopic } from './event-topics.ts';
import type { OrderEventBody } from './sender.ts';

export { ORDER_TOPICS } from './event-topics.ts';
export type { OrderTopic } from './event-topics.ts';

/** 10:15:02 in Asia/Kolkata, the time of OpenAlgo's rendered examples. */
export const DEFAULT_EVENT_TIMESTAMP = '2025-04-08T04:45:02.000Z';

/** The host user the default events belong to. */
export const DEFAULT_USERNAME = 'trader1';

/** What to change in a built event. `request_data`/`response_data` in `data` are merged. */
export interface OrderEventOverrides {
  /** Default `live`, except sandbox-only topics (`gtt.triggered`, `gtt.expired`, `analyzer.error`). */
  mode?: HostMode;
  timestamp?: string;
  username?: string;
  /** Replaces typed fields; `request_data` and `response_data` are merged key by key into the defaults. */
  data?: Record<string, unknown>;
}

/** An order event with its `data` typed loosely but its envelope fields named. */
export interface OrderEvent extends OrderEventBody {
  type: OrderTopic;
  data: {
    mode: HostMode;
    api_type: string;
    request_data: Record<string, unknown>;
    response_data: Record<string, unknown>;
    username: string;
    [field: string]: unknown;
  };
}

/** `base` with `patch` applied; a key patched to `undefined` is removed (e.g. no `orderid`). */
function merge(base: Record<string, unknown>, patch: unknown): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...(patch as Record<string, unknown>) };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged;
}

/** A realistic event for `topic`, live or analyze, with `overrides` applied. */
export function buildOrderEvent(
  topic: OrderTopic,
  overrides: OrderEventOverrides = {},
): OrderEvent {
  const mode = overrides.mode ?? (SANDBOX_ONLY_TOPICS.has(topic) ? 'analyze' : 'live');
  const payload = topicPayload(topic, mode);
  const {
    request_data: request = {},
    response_data: response = {},
    ...fields
  } = overrides.data ?? {};
  return {
    type: topic,
    timestamp: overrides.timestamp ?? DEFAULT_EVENT_TIMESTAMP,
    data: {
      mode,
      api_type: payload.api_type,
      request_data: merge(payload.request_data, request),
      response_data: merge(payload.response_data, response),
      username: overrides.username ?? DEFAULT_USERNAME,
      ...merge(payload.fields, fields),
    },
  };
}

/** One of OpenAlgo's rendered alerts and the event that produces it. */
export interface RenderedExample {
  name: string;
  event: OrderEvent;
  /**
   * The text OpenAlgo's formatter printed (Time fixed to 10:15:02 = the event time in
   * Asia/Kolkata). SPEC §4.4 deliberately changes some (GTT events get real bodies), so a golden
   * test compares only where the SPEC keeps OpenAlgo's text.
   */
  openalgoText: string;
  /** Whether SPEC §4.4 keeps this text byte-for-byte. */
  keptBySpec: boolean;
}

/** research/openalgo-formats.md §2.4, as events. */
export function renderedExamples(): RenderedExample[] {
  return [
    {
      name: 'live placeorder',
      event: buildOrderEvent('order.placed'),
      openalgoText:
        '*Order Placed*\nStrategy: MyStrategy\n*LIVE MODE - Real Order*\n---------------------\nSymbol: RELIANCE\nAction: BUY\nQuantity: 10\nPrice Type: MARKET\nExchange: NSE\nProduct: MIS\nOrder ID: 250408000989443\nTime: 10:15:02',
      keptBySpec: true,
    },
    {
      name: 'analyze rejection published as order.placed',
      event: buildOrderEvent('order.placed', {
        mode: 'analyze',
        data: {
          strategy: '',
          symbol: 'SBIN',
          action: 'SELL',
          quantity: 5,
          product: 'CNC',
          orderid: '',
          request_data: {
            strategy: '',
            symbol: 'SBIN',
            action: 'SELL',
            quantity: '5',
            product: 'CNC',
          },
          response_data: { status: 'error', message: 'Insufficient holdings', orderid: undefined },
        },
      }),
      openalgoText:
        '*Order Placed*\n*ANALYZE MODE - No Real Order*\n---------------------\nSymbol: SBIN\nAction: SELL\nQuantity: 5\nPrice Type: MARKET\nExchange: NSE\nProduct: CNC\nError: Insufficient holdings\nTime: 10:15:02',
      keptBySpec: true,
    },
    {
      name: 'Semi-Auto cancel-all refusal',
      event: buildOrderEvent('orders.all_cancelled', {
        data: {
          canceled_count: 0,
          canceled_orders: [],
          response_data: {
            status: 'error',
            message:
              'Cancel all orders operation is not allowed in Semi-Auto mode. Please switch to Auto mode to cancel orders.',
            canceled_orders: undefined,
            failed_cancellations: undefined,
          },
        },
      }),
      openalgoText:
        '*All Orders Cancelled*\nStrategy: Python\n*LIVE MODE - Real Order*\n---------------------\nTime: 10:15:02',
      keptBySpec: true,
    },
    {
      name: 'GTT placed',
      event: buildOrderEvent('gtt.placed'),
      openalgoText:
        '*Order Update*\nStrategy: SwingGTT\n*LIVE MODE - Real Order*\n---------------------\nTime: 10:15:02',
      keptBySpec: false,
    },
  ];
}
