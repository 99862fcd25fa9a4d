/**
 * Response shapes of the host REST endpoints the sidecar uses (research/openalgo-api.md §8).
 * Numeric fields are `HostNumber` because broker plugins differ: the same field can be `1` or `"1"`.
 * Parse them with `toNumber` from `./numbers.ts`. Fields present only in analyze mode (the sandbox)
 * are optional.
 */

/** `live` trades with the broker; `analyze` is the host's sandbox (no real orders). */
export type HostMode = 'live' | 'analyze';

/** A numeric field as it arrives on the wire: number or numeric string. */
export type HostNumber = number | string;

/** What every successful client call returns: the `data` payload and the mode it came from. */
export interface HostReply<T> {
  /** `analyze` when the body carried a top-level `"mode":"analyze"`, otherwise `live`. */
  mode: HostMode;
  data: T;
}

/** One order in `/api/v1/orderbook`. */
export interface Order {
  action: string;
  exchange: string;
  /** `complete`, `open`, `rejected`, `cancelled`, `trigger pending` (docs also list `pending`). */
  order_status: string;
  orderid: string;
  price: HostNumber;
  pricetype: string;
  product: string;
  quantity: HostNumber;
  symbol: string;
  /** Broker format, e.g. `2025-04-08 13:58:03` or `08-Apr-2025 13:58:03`. */
  timestamp: string;
  trigger_price: HostNumber;
  average_price?: HostNumber;
  filled_quantity?: HostNumber;
  pending_quantity?: HostNumber;
  rejection_reason?: string;
  strategy?: string;
}

/** Orderbook counters (ints, though the docs sample shows floats such as `2.0`). */
export interface OrderStatistics {
  total_buy_orders: HostNumber;
  total_completed_orders: HostNumber;
  total_open_orders: HostNumber;
  total_rejected_orders: HostNumber;
  total_sell_orders: HostNumber;
  /** Analyze mode only. */
  total_trigger_pending_orders?: HostNumber;
}

/** `data` of `/api/v1/orderbook`. */
export interface OrderbookData {
  orders: Order[];
  statistics: OrderStatistics;
}

/** One trade in `/api/v1/tradebook`. */
export interface Trade {
  action: string;
  average_price: HostNumber;
  exchange: string;
  orderid: string;
  product: string;
  quantity: HostNumber;
  symbol: string;
  /** `13:58:03` live (docs), `YYYY-MM-DD HH:MM:SS` in analyze mode. */
  timestamp: string;
  trade_value: HostNumber;
  price?: HostNumber;
  strategy?: string;
  tradeid?: string;
}

/** One position in `/api/v1/positionbook`; `quantity` < 0 is short, 0 is closed today. */
export interface Position {
  average_price: HostNumber;
  exchange: string;
  ltp: HostNumber;
  pnl: HostNumber;
  product: string;
  quantity: HostNumber;
  symbol: string;
  lot_size?: HostNumber;
  pnlpercent?: HostNumber;
  today_realized_pnl?: HostNumber;
  total_pnl_today?: HostNumber;
  unrealized_pnl?: HostNumber;
}

/** Top-level totals the sandbox adds to the positionbook (analyze mode only). */
export interface PositionTotals {
  total_pnl?: HostNumber;
  total_pnl_today?: HostNumber;
  total_today_realized_pnl?: HostNumber;
  total_unrealized_pnl?: HostNumber;
}

/** What `positionbook()` returns: positions plus the analyze-mode totals when present. */
export interface PositionbookReply extends HostReply<Position[]> {
  totals: PositionTotals;
}

/** One holding in `/api/v1/holdings`. */
export interface Holding {
  exchange: string;
  pnl: HostNumber;
  pnlpercent: HostNumber;
  product: string;
  quantity: HostNumber;
  symbol: string;
  average_price?: HostNumber;
  ltp?: HostNumber;
  current_value?: HostNumber;
  /** Analyze mode: `YYYY-MM-DD`. */
  settlement_date?: string;
}

/** Holdings totals, numbers rounded to 2 dp. */
export interface HoldingsStatistics {
  totalholdingvalue: HostNumber;
  totalinvvalue: HostNumber;
  totalpnlpercentage: HostNumber;
  totalprofitandloss: HostNumber;
}

/** `data` of `/api/v1/holdings`. */
export interface HoldingsData {
  holdings: Holding[];
  statistics: HoldingsStatistics;
}

/**
 * `data` of `/api/v1/funds`. Live: 2-dp strings (`"320.66"`); analyze: floats plus sandbox fields.
 * Every field is optional because one broker mapping answers `{}` when its payload is malformed.
 */
export interface Funds {
  availablecash?: HostNumber;
  collateral?: HostNumber;
  m2mrealized?: HostNumber;
  m2munrealized?: HostNumber;
  utiliseddebits?: HostNumber;
  grossexposure?: HostNumber;
  last_reset?: string;
  reset_count?: HostNumber;
  today_realized_pnl?: HostNumber;
  total_realized_pnl?: HostNumber;
  totalpnl?: HostNumber;
}

/** `data` of `/api/v1/quotes` (always live: quotes are never sandboxed). */
export interface Quote {
  ask: HostNumber;
  bid: HostNumber;
  high: HostNumber;
  low: HostNumber;
  ltp: HostNumber;
  open: HostNumber;
  prev_close: HostNumber;
  volume: HostNumber;
  /** Present in the Kite mapping, absent from the docs sample. */
  oi?: HostNumber;
}

/** Result of `/api/v1/closeposition` (it has no `data`; the fields sit at the top level). */
export interface ClosePositionResult {
  mode: HostMode;
  /** e.g. `All Open Positions Squared Off`, `Closed 2 positions`, `No open positions to close`. */
  message: string;
  /** Analyze mode only. */
  closed_positions?: HostNumber;
  /** Analyze mode only. */
  failed_closures?: HostNumber;
}

/** `data` of `/api/v1/analyzer`. */
export interface AnalyzerStatus {
  analyze_mode: boolean;
  mode: HostMode;
  total_logs: HostNumber;
}

/** `data` of `/api/v1/ping`. */
export interface PingData {
  /** Broker name, e.g. `zerodha`. */
  broker: string;
  /** `pong`. */
  message: string;
}

/** Exchanges `/api/v1/quotes` accepts, in the host's order. */
export const HOST_EXCHANGES = [
  'NSE',
  'NFO',
  'CDS',
  'BSE',
  'BFO',
  'BCD',
  'MCX',
  'NCDEX',
  'NCO',
  'NSE_INDEX',
  'BSE_INDEX',
  'MCX_INDEX',
  'GLOBAL_INDEX',
  'CRYPTO',
] as const;

/** One exchange code the host accepts. */
export type HostExchange = (typeof HOST_EXCHANGES)[number];
