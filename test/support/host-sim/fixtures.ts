/**
 * Realistic host payloads for the simulator, live and analyze (research/openalgo-api.md §8.1-8.9).
 * Live values follow the docs and the Kite mapping; analyze values follow the sandbox. Brokers
 * differ on numbers vs strings, so `withNumberStyle` rewrites the numeric fields either way.
 */
import type {
  Funds,
  HoldingsData,
  HostMode,
  OrderbookData,
  Position,
  PositionTotals,
  Quote,
  Trade,
} from '../../../src/host/types.ts';

/** Everything the simulator answers with, for one mode. */
export interface HostFixtures {
  orderbook: OrderbookData;
  tradebook: Trade[];
  positionbook: Position[];
  /** Top-level positionbook totals; sent only in analyze mode. */
  positionTotals: PositionTotals;
  holdings: HoldingsData;
  funds: Funds;
  /** Keyed `SYMBOL:EXCHANGE`. Quotes are never sandboxed: the simulator always reads the live set. */
  quotes: Record<string, Quote>;
  /** Broker name reported by ping. */
  broker: string;
  /** `total_logs` reported by the analyzer endpoints. */
  totalLogs: number;
}

const QUOTES: Record<string, Quote> = {
  'RELIANCE:NSE': {
    ask: 1188.0,
    bid: 1187.85,
    high: 1196.6,
    low: 1163.3,
    ltp: 1187.75,
    oi: 0,
    open: 1172.0,
    prev_close: 1165.7,
    volume: 14414545,
  },
  'SBIN:NSE': {
    ask: 771.5,
    bid: 771.35,
    high: 776.9,
    low: 765.1,
    ltp: 771.4,
    open: 768.0,
    prev_close: 772.2,
    volume: 6213044,
  },
  'NIFTY:NSE_INDEX': {
    ask: 0,
    bid: 0,
    high: 22697.3,
    low: 22400.15,
    ltp: 22535.85,
    oi: 0,
    open: 22460.0,
    prev_close: 22399.15,
    volume: 0,
  },
};

function liveFixtures(): HostFixtures {
  // One row per record reads like the host's table, so prettier keeps its hands off.
  // prettier-ignore
  return {
    orderbook: {
      orders: [
        { action: 'BUY', exchange: 'NSE', order_status: 'complete', orderid: '250408000989443', price: 0.0, pricetype: 'MARKET', product: 'MIS', quantity: 1, symbol: 'RELIANCE', timestamp: '2025-04-08 13:58:03', trigger_price: 0.0 },
        { action: 'SELL', exchange: 'NSE', order_status: 'open', orderid: '250408001002736', price: 775.5, pricetype: 'LIMIT', product: 'CNC', quantity: 5, symbol: 'SBIN', timestamp: '2025-04-08 14:02:11', trigger_price: 0.0 },
        { action: 'BUY', exchange: 'NFO', order_status: 'rejected', orderid: '250408001010391', price: 0.0, pricetype: 'MARKET', product: 'NRML', quantity: 75, symbol: 'NIFTY25APR22500CE', timestamp: '2025-04-08 14:10:45', trigger_price: 0.0 },
      ],
      statistics: { total_buy_orders: 2, total_completed_orders: 1, total_open_orders: 1, total_rejected_orders: 1, total_sell_orders: 1 },
    },
    tradebook: [
      { action: 'BUY', average_price: 1186.0, exchange: 'NSE', orderid: '250408000989443', product: 'MIS', quantity: 1, symbol: 'RELIANCE', timestamp: '13:58:03', trade_value: 1186.0 },
      { action: 'SELL', average_price: 83.74, exchange: 'NSE', orderid: '250408001086129', product: 'MIS', quantity: 1, symbol: 'NHPC', timestamp: '14:28:49', trade_value: 83.74 },
    ],
    positionbook: [
      { average_price: 1186.0, exchange: 'NSE', ltp: 1187.75, pnl: 1.75, product: 'MIS', quantity: 1, symbol: 'RELIANCE' },
      { average_price: 83.74, exchange: 'NSE', ltp: 83.9, pnl: -0.16, product: 'MIS', quantity: -1, symbol: 'NHPC' },
      { average_price: 0.0, exchange: 'NSE', ltp: 771.4, pnl: 12.5, product: 'MIS', quantity: 0, symbol: 'SBIN' },
    ],
    positionTotals: {},
    holdings: {
      holdings: [
        { average_price: 1512.3, exchange: 'NSE', pnl: 1242.5, pnlpercent: 8.22, product: 'CNC', quantity: 10, symbol: 'INFY' },
        { average_price: 2410.0, exchange: 'NSE', pnl: -118.0, pnlpercent: -0.98, product: 'CNC', quantity: 5, symbol: 'HDFCBANK' },
      ],
      statistics: { totalholdingvalue: 39521.5, totalinvvalue: 38173.0, totalpnlpercentage: 3.53, totalprofitandloss: 1124.5 },
    },
    // Live funds are 2-dp strings, as documented and as the Kite mapping produces.
    funds: { availablecash: '320.66', collateral: '0.00', m2mrealized: '3.27', m2munrealized: '-7.88', utiliseddebits: '679.34' },
    quotes: structuredClone(QUOTES),
    broker: 'zerodha',
    totalLogs: 0,
  };
}

function analyzeFixtures(): HostFixtures {
  // prettier-ignore
  return {
    orderbook: {
      orders: [
        { action: 'BUY', average_price: 1187.75, exchange: 'NSE', filled_quantity: 10, order_status: 'complete', orderid: '26082409151234', pending_quantity: 0, price: 0.0, pricetype: 'MARKET', product: 'MIS', quantity: 10, rejection_reason: '', strategy: 'MyStrategy', symbol: 'RELIANCE', timestamp: '2026-08-24 09:15:12', trigger_price: 0.0 },
        { action: 'SELL', average_price: 0.0, exchange: 'NSE', filled_quantity: 0, order_status: 'rejected', orderid: '26082409201877', pending_quantity: 0, price: 0.0, pricetype: 'MARKET', product: 'CNC', quantity: 5, rejection_reason: 'Insufficient holdings', strategy: 'MyStrategy', symbol: 'SBIN', timestamp: '2026-08-24 09:20:40', trigger_price: 0.0 },
      ],
      statistics: { total_buy_orders: 1, total_completed_orders: 1, total_open_orders: 0, total_rejected_orders: 1, total_sell_orders: 1, total_trigger_pending_orders: 0 },
    },
    tradebook: [
      { action: 'BUY', average_price: 1187.75, exchange: 'NSE', orderid: '26082409151234', price: 1187.75, product: 'MIS', quantity: 10, strategy: 'MyStrategy', symbol: 'RELIANCE', timestamp: '2026-08-24 09:15:12', trade_value: 11877.5, tradeid: 'TRD26082409151234' },
    ],
    positionbook: [
      { average_price: 1187.75, exchange: 'NSE', lot_size: 1, ltp: 1190.1, pnl: 23.5, pnlpercent: 0.2, product: 'MIS', quantity: 10, symbol: 'RELIANCE', today_realized_pnl: 0.0, total_pnl_today: 23.5, unrealized_pnl: 23.5 },
      { average_price: 0.0, exchange: 'NSE', lot_size: 1, ltp: 83.9, pnl: -4.2, pnlpercent: 0.0, product: 'MIS', quantity: 0, symbol: 'NHPC', today_realized_pnl: -4.2, total_pnl_today: -4.2, unrealized_pnl: 0.0 },
    ],
    positionTotals: { total_pnl: 19.3, total_pnl_today: 19.3, total_today_realized_pnl: -4.2, total_unrealized_pnl: 23.5 },
    holdings: {
      holdings: [
        { average_price: 1512.3, current_value: 16364.5, exchange: 'NSE', ltp: 1636.45, pnl: 1241.5, pnlpercent: 8.21, product: 'CNC', quantity: 10, settlement_date: '2026-08-21', symbol: 'INFY' },
      ],
      statistics: { totalholdingvalue: 16364.5, totalinvvalue: 15123.0, totalpnlpercentage: 8.21, totalprofitandloss: 1241.5 },
    },
    funds: { availablecash: 9988122.5, collateral: 0.0, grossexposure: 11877.5, last_reset: '2026-08-17 03:00:00', m2mrealized: -4.2, m2munrealized: 23.5, reset_count: 1, today_realized_pnl: -4.2, total_realized_pnl: 1250.4, totalpnl: 1273.9, utiliseddebits: 11877.5 },
    quotes: structuredClone(QUOTES),
    broker: 'zerodha',
    totalLogs: 42,
  };
}

/** Fresh, independent fixtures for one mode (safe to mutate). */
export function defaultFixtures(mode: HostMode): HostFixtures {
  return mode === 'live' ? liveFixtures() : analyzeFixtures();
}

/** Every field some broker sends as either a number or a numeric string. */
// prettier-ignore
const NUMERIC_FIELDS = new Set([
  'price', 'trigger_price', 'quantity', 'average_price', 'filled_quantity', 'pending_quantity',
  'trade_value', 'ltp', 'pnl', 'pnlpercent', 'lot_size', 'today_realized_pnl', 'total_pnl_today',
  'unrealized_pnl', 'current_value', 'availablecash', 'collateral', 'm2mrealized', 'm2munrealized',
  'utiliseddebits', 'grossexposure', 'totalpnl', 'total_realized_pnl', 'total_buy_orders',
  'total_completed_orders', 'total_open_orders', 'total_rejected_orders', 'total_sell_orders',
  'total_trigger_pending_orders', 'totalholdingvalue', 'totalinvvalue', 'totalpnlpercentage',
  'totalprofitandloss', 'total_pnl', 'total_today_realized_pnl', 'total_unrealized_pnl',
]);

/** `"83.74"`-style text for a number: ints as is, others with 2 decimals (the `%.2f` mappings). */
function numberAsString(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function convert(value: unknown, style: 'numbers' | 'strings', key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, style));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return Object.fromEntries(entries.map(([k, v]) => [k, convert(v, style, k)]));
  }
  if (key === undefined || !NUMERIC_FIELDS.has(key)) return value;
  if (style === 'strings' && typeof value === 'number') return numberAsString(value);
  if (style === 'numbers' && typeof value === 'string' && value.trim() !== '') return Number(value);
  return value;
}

/**
 * A copy of `fixtures` with every broker-variable numeric field as strings (`"1"`, `"83.74"`,
 * `"-1"`) or as numbers. Order ids, timestamps and quotes are untouched: quotes are always numbers.
 */
export function withNumberStyle(
  fixtures: HostFixtures,
  style: 'numbers' | 'strings',
): HostFixtures {
  const { quotes, ...rest } = fixtures;
  return {
    ...(convert(rest, style) as Omit<HostFixtures, 'quotes'>),
    quotes: structuredClone(quotes),
  };
}
