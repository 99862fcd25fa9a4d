/**
 * Order-event factories for alert and schema tests, shaped like OpenAlgo's publishers (research
 * openalgo-formats.md §1.4). Each factory takes overrides that are merged over its defaults; an
 * override set to `undefined` removes that key, so "missing field" cases read naturally.
 */
import type {
  OrderEvent,
  OrderEventData,
  RequestData,
  ResponseData,
} from '../../src/http/schemas/order-event.ts';

/** 2026-08-24 10:15:02 in Asia/Kolkata (UTC+05:30): the time of every golden example. */
export const AT_10_15_02_IST = '2026-08-24T04:45:02Z';
/** The host user every fixture belongs to. */
export const FIXTURE_USERNAME = 'trader1';

/** What a test may change in a fixture. */
export interface EventOverrides {
  type?: string;
  timestamp?: string;
  /** Merged into `data` (typed fields, `mode`, `api_type`, …). */
  data?: Record<string, unknown>;
  /** Merged into `data.request_data`. */
  req?: Record<string, unknown>;
  /** Merged into `data.response_data`. */
  res?: Record<string, unknown>;
}

interface Defaults {
  type: string;
  apiType: string;
  req: RequestData;
  res: ResponseData;
  data?: Record<string, unknown>;
}

/** Shallow merge that deletes keys whose override is `undefined`. */
function merge<T extends Record<string, unknown>>(
  base: T,
  overrides: Record<string, unknown> = {},
): T {
  const merged: Record<string, unknown> = { ...base, ...overrides };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged as T;
}

function build(defaults: Defaults, overrides: EventOverrides = {}): OrderEvent {
  const base: OrderEventData = {
    api_type: defaults.apiType,
    username: FIXTURE_USERNAME,
    request_data: merge(defaults.req, overrides.req),
    response_data: merge(defaults.res, overrides.res),
    ...defaults.data,
  };
  return {
    type: overrides.type ?? defaults.type,
    timestamp: overrides.timestamp ?? AT_10_15_02_IST,
    data: merge(base, overrides.data),
  };
}

/** The same event with `response_data.mode = "analyze"` (how the sandbox marks its responses). */
export function inAnalyzeMode(event: OrderEvent): OrderEvent {
  const data = event.data;
  return { ...event, data: { ...data, response_data: { ...data.response_data, mode: 'analyze' } } };
}

const ORDER = { symbol: 'RELIANCE', action: 'BUY', exchange: 'NSE', product: 'MIS' };

/** `order.placed` / placeorder: the research's live example. */
export const placeOrderEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'order.placed',
      apiType: 'placeorder',
      req: { strategy: 'MyStrategy', ...ORDER, pricetype: 'MARKET', quantity: '10' },
      res: { status: 'success', orderid: '250408000989443' },
    },
    o,
  );

/** `order.placed` / placesmartorder. */
export const smartOrderEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'order.placed',
      apiType: 'placesmartorder',
      req: { strategy: 'Smart', ...ORDER, pricetype: 'MARKET', quantity: '5', position_size: '5' },
      res: { status: 'success', orderid: '250408000989444' },
    },
    o,
  );

/** `order.no_action` / placesmartorder: positions already match. */
export const noActionEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'order.no_action',
      apiType: 'placesmartorder',
      req: { strategy: 'Smart', ...ORDER, pricetype: 'MARKET', quantity: '5', position_size: '5' },
      res: { status: 'success', message: 'Positions Already Matched. No Action needed.' },
      data: { message: ' Positions Already Matched. No Action needed.' },
    },
    o,
  );

/** `order.modified` / modifyorder. */
export const modifyOrderEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'order.modified',
      apiType: 'modifyorder',
      req: {
        orderid: '250408001003813',
        strategy: 'Python',
        ...ORDER,
        pricetype: 'LIMIT',
        quantity: '2',
        price: '16.5',
      },
      res: { status: 'success', orderid: '250408001003813' },
    },
    o,
  );

/** `order.cancelled` / cancelorder. */
export const cancelOrderEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'order.cancelled',
      apiType: 'cancelorder',
      req: { orderid: '250408001003813', strategy: 'Python' },
      res: { status: 'success', orderid: '250408001003813' },
    },
    o,
  );

/** `orders.all_cancelled` / cancelallorder with two cancelled and one failed. */
export const cancelAllEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'orders.all_cancelled',
      apiType: 'cancelallorder',
      req: { strategy: 'Python' },
      res: {
        status: 'success',
        canceled_orders: ['1001', '1002'],
        failed_cancellations: [{ orderid: '1003', reason: 'Already filled' }],
        message: 'Canceled 2 orders. Failed to cancel 1 orders.',
      },
    },
    o,
  );

/** `position.closed` / closeposition: close-all success. */
export const closePositionEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'position.closed',
      apiType: 'closeposition',
      req: { strategy: 'Python' },
      res: { status: 'success', message: 'All Open Positions Squared Off' },
    },
    o,
  );

/** A basket/split/options result item. */
export const okResult = (symbol: string, orderid: string) => ({
  symbol,
  exchange: 'NSE',
  product: 'MIS',
  status: 'success',
  orderid,
});
/** A failed result item. */
export const failedResult = (symbol: string, message: string) => ({
  symbol,
  status: 'error',
  message,
});

/** `basket.completed` / basketorder with two results. */
export const basketEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'basket.completed',
      apiType: 'basketorder',
      req: { strategy: 'Basket' },
      res: {
        status: 'success',
        results: [okResult('SBIN', '2001'), failedResult('INFY', 'Insufficient funds')],
      },
    },
    o,
  );

/** `split.completed` / splitorder: 3 orders of 100. */
export const splitEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'split.completed',
      apiType: 'splitorder',
      req: { strategy: 'Split', symbol: 'YESBANK', action: 'SELL', exchange: 'NSE' },
      res: {
        status: 'success',
        total_quantity: 300,
        split_size: 100,
        results: [1, 2, 3].map((n) => ({
          order_num: n,
          quantity: 100,
          status: 'success',
          orderid: `300${n}`,
        })),
      },
    },
    o,
  );

/** `options.completed` / optionsorder (split path): results carry no symbol or action. */
export const optionsOrderEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'options.completed',
      apiType: 'optionsorder',
      req: { strategy: 'Options', underlying: 'NIFTY', exchange: 'NSE_INDEX' },
      res: {
        status: 'success',
        underlying: 'NIFTY',
        underlying_ltp: 24150.55,
        total_quantity: 150,
        split_size: 75,
        results: [
          { order_num: 1, quantity: 75, status: 'success', orderid: '25082400001' },
          { order_num: 2, quantity: 75, status: 'success', orderid: '25082400002' },
        ],
      },
    },
    o,
  );

/** A leg of an options multi-order. */
export const leg = (n: number, symbol: string, action: string, orderid: string) => ({
  leg: n,
  symbol,
  exchange: 'NFO',
  product: 'NRML',
  offset: 'ATM',
  option_type: 'CE',
  action,
  status: 'success',
  orderid,
});

/** `multiorder.completed` / optionsmultiorder: an iron-fly's two legs. */
export const multiOrderEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'multiorder.completed',
      apiType: 'optionsmultiorder',
      req: { strategy: 'IronFly', underlying: 'BANKNIFTY', exchange: 'NSE_INDEX' },
      res: {
        status: 'success',
        underlying: 'BANKNIFTY',
        underlying_ltp: 51200,
        results: [
          leg(1, 'BANKNIFTY28AUG2651200CE', 'SELL', '4001'),
          leg(2, 'BANKNIFTY28AUG2651200PE', 'SELL', '4002'),
        ],
      },
    },
    o,
  );

const GTT = { strategy: 'SwingGTT', symbol: 'SBIN', exchange: 'NSE' };

/** `gtt.placed` / placegttorder: a two-leg OCO. */
export const gttPlacedEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'gtt.placed',
      apiType: 'placegttorder',
      req: { ...GTT, trigger_type: 'OCO', trigger_prices: ['780', '860.5'] },
      res: { status: 'success', trigger_id: '105099' },
      data: { ...GTT, trigger_type: 'OCO', trigger_id: '105099', trigger_prices: [780, 860.5] },
    },
    o,
  );

/** `gtt.modified` / modifygttorder. */
export const gttModifiedEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'gtt.modified',
      apiType: 'modifygttorder',
      req: { ...GTT, trigger_id: '105099', trigger_type: 'SINGLE', trigger_prices: ['790'] },
      res: { status: 'success', trigger_id: '105099' },
    },
    o,
  );

/** `gtt.cancelled` / cancelgttorder. */
export const gttCancelledEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'gtt.cancelled',
      apiType: 'cancelgttorder',
      req: { trigger_id: '105099', strategy: 'SwingGTT' },
      res: { status: 'success', trigger_id: '105099' },
      data: { trigger_id: '105099', status: 'success' },
    },
    o,
  );

/** `gtt.triggered` / gtttriggered (sandbox engine). */
export const gttTriggeredEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'gtt.triggered',
      apiType: 'gtttriggered',
      req: { api_type: 'gtttriggered', trigger_id: 'GTT-260824-1a2b3c4d', ...GTT },
      res: {
        status: 'success',
        mode: 'analyze',
        trigger_id: 'GTT-260824-1a2b3c4d',
        orderid: '26082409151234',
      },
      data: { mode: 'analyze', trigger_prices: [812.4], triggered_order_id: '26082409151234' },
    },
    o,
  );

/** `gtt.expired` / gttexpired (sandbox engine). */
export const gttExpiredEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'gtt.expired',
      apiType: 'gttexpired',
      req: { api_type: 'gttexpired', trigger_id: 'GTT-260824-1a2b3c4d', ...GTT },
      res: {
        status: 'success',
        mode: 'analyze',
        trigger_id: 'GTT-260824-1a2b3c4d',
        message: 'GTT expired without firing',
      },
      data: { mode: 'analyze' },
    },
    o,
  );

/** `order.update`: a partial fill reported by the broker. */
export const orderUpdateEvent = (o?: EventOverrides) =>
  build(
    {
      type: 'order.update',
      apiType: 'orderupdate',
      req: {},
      res: {},
      data: {
        orderid: '250408000989443',
        ...ORDER,
        quantity: 10,
        price: 0,
        trigger_price: 0,
        pricetype: 'MARKET',
        order_status: 'open',
        filled_quantity: 4,
        pending_quantity: 6,
        average_price: 1186,
        rejection_reason: '',
        broker: 'zerodha',
      },
    },
    o,
  );

/** Every send-topic fixture, for sweeping tests (schema round-trips, live/analyze pairs). */
export const ALL_FIXTURES: ReadonlyArray<[string, (o?: EventOverrides) => OrderEvent]> = [
  ['placeorder', placeOrderEvent],
  ['placesmartorder', smartOrderEvent],
  ['no_action', noActionEvent],
  ['modifyorder', modifyOrderEvent],
  ['cancelorder', cancelOrderEvent],
  ['cancelallorder', cancelAllEvent],
  ['closeposition', closePositionEvent],
  ['basketorder', basketEvent],
  ['splitorder', splitEvent],
  ['optionsorder', optionsOrderEvent],
  ['optionsmultiorder', multiOrderEvent],
  ['gtt.placed', gttPlacedEvent],
  ['gtt.modified', gttModifiedEvent],
  ['gtt.cancelled', gttCancelledEvent],
  ['gtt.triggered', gttTriggeredEvent],
  ['gtt.expired', gttExpiredEvent],
  ['order.update', orderUpdateEvent],
];
