/**
 * Default payload of every order-event topic (SPEC §4.2), modelled on OpenAlgo's publishers
 * (research/openalgo-formats.md §1.3-1.4): `api_type`, `request_data` (the API request without
 * `apikey`; request values are often strings), `response_data`, and the topic's typed fields
 * (ints stay ints). Ids follow the mode: live broker ids vs sandbox ids.
 */
import type { HostMode } from '../../../src/host/types.ts';

/** Every topic the sidecar accepts: sent ones first, then the recorded-but-not-sent failures. */
export const ORDER_TOPICS = [
  'order.placed',
  'order.no_action',
  'order.modified',
  'order.cancelled',
  'orders.all_cancelled',
  'position.closed',
  'basket.completed',
  'split.completed',
  'options.completed',
  'multiorder.completed',
  'gtt.placed',
  'gtt.modified',
  'gtt.cancelled',
  'gtt.triggered',
  'gtt.expired',
  'order.update',
  'order.failed',
  'order.modify_failed',
  'order.cancel_failed',
  'analyzer.error',
  'gtt.failed',
  'gtt.modify_failed',
  'gtt.cancel_failed',
] as const;

/** One order-event topic. */
export type OrderTopic = (typeof ORDER_TOPICS)[number];

/** Topics only the sandbox publishes: their default mode is `analyze`. */
export const SANDBOX_ONLY_TOPICS: ReadonlySet<OrderTopic> = new Set([
  'gtt.triggered',
  'gtt.expired',
  'analyzer.error',
]);

type Fields = Record<string, unknown>;

/** A topic's payload before the envelope (mode, username) is added. */
export interface TopicPayload {
  api_type: string;
  request_data: Fields;
  response_data: Fields;
  fields: Fields;
}

/** Ids in the shape each mode uses: 15-digit broker ids live, `YYMMDD`+8 digits in the sandbox. */
interface Ids {
  order: [string, string, string];
  trigger: string;
}

const IDS: Record<HostMode, Ids> = {
  live: { order: ['250408000989443', '250408001002736', '250408001010391'], trigger: '251847329' },
  analyze: {
    order: ['26082409151234', '26082409151235', '26082409151236'],
    trigger: 'GTT-260824-1a2b3c4d',
  },
};

const ORDER_REQUEST = {
  strategy: 'MyStrategy',
  symbol: 'RELIANCE',
  action: 'BUY',
  exchange: 'NSE',
  pricetype: 'MARKET',
  product: 'MIS',
  quantity: '10',
};
const ORDER_FIELDS = {
  strategy: 'MyStrategy',
  symbol: 'RELIANCE',
  exchange: 'NSE',
  action: 'BUY',
  quantity: 10,
  pricetype: 'MARKET',
  product: 'MIS',
};
const MODIFY_REQUEST = {
  strategy: 'MyStrategy',
  symbol: 'SBIN',
  action: 'BUY',
  exchange: 'NSE',
  pricetype: 'LIMIT',
  product: 'CNC',
  quantity: '5',
  price: '770.5',
  trigger_price: '0',
  disclosed_quantity: '0',
};
const GTT_REQUEST = {
  strategy: 'SwingGTT',
  symbol: 'RELIANCE',
  exchange: 'NSE',
  trigger_type: 'SINGLE',
  action: 'BUY',
  product: 'CNC',
  quantity: '5',
  pricetype: 'LIMIT',
  price: '1250.0',
  trigger_price: '1250.0',
  last_price: '1290.5',
};
const NO_ACTION = 'Positions Already Matched. No Action needed.';

const success = (extra: Fields = {}): Fields => ({ status: 'success', ...extra });
const failure = (message: string): Fields => ({ status: 'error', message });

/** One builder per topic; `ids` are already chosen for the mode. */
// prettier-ignore
const TOPICS: Record<OrderTopic, (ids: Ids, mode: HostMode) => TopicPayload> = {
  'order.placed': ({ order }) => ({ api_type: 'placeorder', request_data: { ...ORDER_REQUEST }, response_data: success({ orderid: order[0] }), fields: { ...ORDER_FIELDS, orderid: order[0] } }),
  'order.failed': () => ({ api_type: 'placeorder', request_data: { ...ORDER_REQUEST }, response_data: failure('Insufficient funds'), fields: { symbol: 'RELIANCE', exchange: 'NSE', error_message: 'Insufficient funds' } }),
  'order.no_action': () => ({ api_type: 'placesmartorder', request_data: { ...ORDER_REQUEST, position_size: '10' }, response_data: success({ message: NO_ACTION }), fields: { symbol: 'RELIANCE', exchange: 'NSE', message: ` ${NO_ACTION}` } }),
  'order.modified': ({ order }, mode) => ({ api_type: 'modifyorder', request_data: { orderid: order[1], ...MODIFY_REQUEST }, response_data: success({ orderid: order[1], ...(mode === 'analyze' ? { message: 'Order modified successfully' } : {}) }), fields: { symbol: 'SBIN', exchange: 'NSE', orderid: order[1] } }),
  'order.modify_failed': ({ order }) => ({ api_type: 'modifyorder', request_data: { orderid: order[1], ...MODIFY_REQUEST }, response_data: failure('Order not found'), fields: { symbol: 'SBIN', orderid: order[1], error_message: 'Order not found' } }),
  'order.cancelled': ({ order }, mode) => ({ api_type: 'cancelorder', request_data: { orderid: order[1], strategy: 'MyStrategy' }, response_data: success({ orderid: order[1], ...(mode === 'analyze' ? { message: 'Order cancelled successfully' } : {}) }), fields: { orderid: order[1], status: 'success' } }),
  'order.cancel_failed': ({ order }) => ({ api_type: 'cancelorder', request_data: { orderid: order[1], strategy: 'MyStrategy' }, response_data: failure('Order is already complete'), fields: { orderid: order[1], error_message: 'Order is already complete' } }),
  'orders.all_cancelled': ({ order }) => ({ api_type: 'cancelallorder', request_data: { strategy: 'Python' }, response_data: success({ canceled_orders: [order[1], order[2]], failed_cancellations: [], message: 'Canceled 2 orders. Failed to cancel 0 orders.' }), fields: { canceled_count: 2, failed_count: 0, canceled_orders: [order[1], order[2]], failed_cancellations: [] } }),
  'position.closed': (_ids, mode) => ({ api_type: 'closeposition', request_data: { strategy: 'Python' }, response_data: mode === 'live' ? success({ message: 'All Open Positions Squared Off' }) : success({ closed_positions: 2, failed_closures: 0, message: 'Closed 2 positions' }), fields: { symbol: '', exchange: '', product: '', orderid: '', message: mode === 'live' ? 'All Open Positions Squared Off' : 'Closed 2 positions' } }),
  'basket.completed': ({ order }) => {
    const results = [{ symbol: 'RELIANCE', exchange: 'NSE', product: 'MIS', status: 'success', orderid: order[0] }, { symbol: 'INFY', exchange: 'NSE', product: 'MIS', status: 'success', orderid: order[1] }, { symbol: 'YESBANK', status: 'error', message: 'Insufficient funds' }];
    return { api_type: 'basketorder', request_data: { strategy: 'Basket', orders: [{ symbol: 'RELIANCE', exchange: 'NSE', action: 'BUY', quantity: '1', pricetype: 'MARKET', product: 'MIS' }, { symbol: 'INFY', exchange: 'NSE', action: 'BUY', quantity: '1', pricetype: 'MARKET', product: 'MIS' }, { symbol: 'YESBANK', exchange: 'NSE', action: 'BUY', quantity: '100', pricetype: 'MARKET', product: 'MIS' }] }, response_data: success({ results }), fields: { strategy: 'Basket', results, successful: 2, total: 3 } };
  },
  'split.completed': ({ order }) => {
    const results = order.map((orderid, i) => ({ order_num: i + 1, quantity: 100, status: 'success', orderid }));
    return { api_type: 'splitorder', request_data: { strategy: 'Splitter', symbol: 'YESBANK', action: 'BUY', exchange: 'NSE', quantity: '300', splitsize: '100', pricetype: 'MARKET', product: 'MIS' }, response_data: success({ total_quantity: 300, split_size: 100, results }), fields: { strategy: 'Splitter', symbol: 'YESBANK', exchange: 'NSE', action: 'BUY', pricetype: 'MARKET', product: 'MIS', total_quantity: 300, split_size: 100, results, successful: 3, total: 3 } };
  },
  'options.completed': ({ order }) => {
    const results = [{ order_num: 1, quantity: 75, status: 'success', orderid: order[0] }, { order_num: 2, quantity: 75, status: 'success', orderid: order[1] }];
    return { api_type: 'optionsorder', request_data: { strategy: 'OptionsBot', underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: '28AUG25', offset: 'ATM', option_type: 'CE', action: 'BUY', quantity: '150', splitsize: '75', pricetype: 'MARKET', product: 'NRML' }, response_data: success({ symbol: 'NIFTY28AUG2524500CE', exchange: 'NFO', underlying: 'NIFTY', underlying_ltp: 24512.35, offset: 'ATM', option_type: 'CE', total_quantity: 150, split_size: 75, results }), fields: { strategy: 'OptionsBot', symbol: 'NIFTY28AUG2524500CE', exchange: 'NFO', action: 'BUY', pricetype: 'MARKET', product: 'NRML', results, successful: 2, total: 2 } };
  },
  'multiorder.completed': ({ order }, mode) => {
    const leg = (n: number, symbol: string, offset: string, type: string, action: string, orderid: string) => ({ leg: n, symbol, exchange: 'NFO', product: 'NRML', offset, option_type: type, action, status: 'success', orderid, mode });
    const results = [leg(1, 'NIFTY28AUG2524700CE', 'OTM2', 'CE', 'SELL', order[0]), leg(2, 'NIFTY28AUG2524300PE', 'OTM2', 'PE', 'SELL', order[1])];
    return { api_type: 'optionsmultiorder', request_data: { strategy: 'Strangle', underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: '28AUG25', legs: [{ offset: 'OTM2', option_type: 'CE', action: 'SELL', quantity: '75' }, { offset: 'OTM2', option_type: 'PE', action: 'SELL', quantity: '75' }] }, response_data: success({ underlying: 'NIFTY', underlying_ltp: 24512.35, results }), fields: { strategy: 'Strangle', underlying: 'NIFTY', exchange: 'NSE_INDEX', results, successful_legs: 2, failed_legs: 0, total: 2 } };
  },
  'analyzer.error': () => ({ api_type: 'placeorder', request_data: { ...ORDER_REQUEST, symbol: 'RELIANCEX' }, response_data: failure('Invalid symbol RELIANCEX for exchange NSE'), fields: { error_message: 'Invalid symbol RELIANCEX for exchange NSE' } }),
  'gtt.placed': ({ trigger }) => ({ api_type: 'placegttorder', request_data: { ...GTT_REQUEST }, response_data: success({ trigger_id: trigger }), fields: { strategy: 'SwingGTT', symbol: 'RELIANCE', exchange: 'NSE', trigger_type: 'SINGLE', trigger_id: trigger, trigger_prices: [1250.0] } }),
  'gtt.failed': () => ({ api_type: 'placegttorder', request_data: { ...GTT_REQUEST }, response_data: failure('Trigger price too close to last price'), fields: { symbol: 'RELIANCE', exchange: 'NSE', trigger_type: 'SINGLE', error_message: 'Trigger price too close to last price' } }),
  'gtt.modified': ({ trigger }) => ({ api_type: 'modifygttorder', request_data: { trigger_id: trigger, ...GTT_REQUEST, price: '1240.0', trigger_price: '1240.0' }, response_data: success({ trigger_id: trigger }), fields: { symbol: 'RELIANCE', exchange: 'NSE', trigger_id: trigger } }),
  'gtt.modify_failed': ({ trigger }) => ({ api_type: 'modifygttorder', request_data: { trigger_id: trigger, ...GTT_REQUEST }, response_data: failure('Trigger not found'), fields: { symbol: 'RELIANCE', trigger_id: trigger, error_message: 'Trigger not found' } }),
  'gtt.cancelled': ({ trigger }) => ({ api_type: 'cancelgttorder', request_data: { trigger_id: trigger, strategy: 'SwingGTT' }, response_data: success({ trigger_id: trigger }), fields: { trigger_id: trigger, status: 'success' } }),
  'gtt.cancel_failed': ({ trigger }) => ({ api_type: 'cancelgttorder', request_data: { trigger_id: trigger, strategy: 'SwingGTT' }, response_data: failure('Trigger not found'), fields: { trigger_id: trigger, error_message: 'Trigger not found' } }),
  'gtt.triggered': ({ trigger, order }) => ({ api_type: 'gtttriggered', request_data: { api_type: 'gtttriggered', trigger_id: trigger, symbol: 'RELIANCE', exchange: 'NSE', strategy: 'SwingGTT', trigger_prices: [1250.0] }, response_data: success({ trigger_id: trigger, orderid: order[2] }), fields: { symbol: 'RELIANCE', exchange: 'NSE', trigger_id: trigger, triggered_order_id: order[2] } }),
  'gtt.expired': ({ trigger }) => ({ api_type: 'gttexpired', request_data: { api_type: 'gttexpired', trigger_id: trigger, symbol: 'RELIANCE', exchange: 'NSE', strategy: 'SwingGTT' }, response_data: success({ trigger_id: trigger, message: 'GTT expired without firing' }), fields: { symbol: 'RELIANCE', exchange: 'NSE', trigger_id: trigger } }),
  // OpenAlgo's OrderUpdateEvent sets no api_type; `orderupdate` follows the host's naming.
  'order.update': ({ order }) => ({ api_type: 'orderupdate', request_data: {}, response_data: success({ orderid: order[0] }), fields: { orderid: order[0], symbol: 'RELIANCE', exchange: 'NSE', action: 'BUY', quantity: 10, price: 0.0, trigger_price: 0.0, pricetype: 'MARKET', product: 'MIS', order_status: 'complete', filled_quantity: 10, pending_quantity: 0, average_price: 1187.75, rejection_reason: '', broker: 'zerodha' } }),
};

/** The topic's payload for a mode; analyze adds `mode` to the response and `api_type` to the request. */
export function topicPayload(topic: OrderTopic, mode: HostMode): TopicPayload {
  const payload = TOPICS[topic](IDS[mode], mode);
  if (mode === 'live') return payload;
  return {
    ...payload,
    request_data: { ...payload.request_data, api_type: payload.api_type },
    response_data: { ...payload.response_data, mode: 'analyze' },
  };
}
