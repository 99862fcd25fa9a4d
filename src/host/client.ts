/**
 * Typed client for the host's REST API (research/openalgo-api.md §8, SPEC §5.3). Every call is
 * `POST {baseUrl}/api/v1/<endpoint>` with exactly the schema's fields (the host rejects unknown
 * ones), a timeout, and keep-alive connections. Every failure becomes a `HostApiError` whose
 * message never contains the API key.
 */
import { HostApiError } from '../errors.ts';
import { errorFromResponse } from './failures.ts';
import { parseJsonSafely, postJson } from './http.ts';
import type {
  AnalyzerStatus,
  ClosePositionResult,
  Funds,
  HoldingsData,
  HostMode,
  HostReply,
  OrderbookData,
  PingData,
  PositionbookReply,
  PositionTotals,
  Quote,
  Trade,
} from './types.ts';

/** How to reach the host and where the owner's API key comes from. */
export interface HostClientOptions {
  /** The host's base URL (`HOST_SERVER`), e.g. `http://127.0.0.1:5000`; a path prefix is kept. */
  baseUrl: string;
  /** Whole-call timeout, body included. Default 5000 (SPEC §5.3). */
  timeoutMs?: number;
  /** The owner's API key, or `null` when none is stored (→ `not_configured`). */
  getApiKey: () => Promise<string | null>;
}

/** The host endpoints the sidecar uses. Each rejects with `HostApiError` only. */
export interface HostClient {
  orderbook(): Promise<HostReply<OrderbookData>>;
  tradebook(): Promise<HostReply<Trade[]>>;
  positionbook(): Promise<PositionbookReply>;
  holdings(): Promise<HostReply<HoldingsData>>;
  funds(): Promise<HostReply<Funds>>;
  /** Quotes always come from the live broker; `mode` is `live` unless the host says otherwise. */
  quotes(symbol: string, exchange: string): Promise<HostReply<Quote>>;
  /** Squares off every open position. `strategy` is required by the host; default `WhatsApp`. */
  closePosition(strategy?: string): Promise<ClosePositionResult>;
  /** The host's analyzer flag (needs a live broker session, like every endpoint here). */
  analyzerStatus(): Promise<AnalyzerStatus>;
  /** Checks a key; pass `apiKeyOverride` to verify a key before it is saved. */
  ping(apiKeyOverride?: string): Promise<PingData>;
}

type JsonObject = Record<string, unknown>;

const DEFAULT_TIMEOUT_MS = 5000;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function modeOf(body: JsonObject): HostMode {
  return body.mode === 'analyze' ? 'analyze' : 'live';
}

/** Builds `{base}/api/v1/{endpoint}`, keeping any path prefix of the base URL. */
function endpointUrl(baseUrl: string, endpoint: string): URL {
  try {
    return new URL(`${baseUrl.replace(/\/+$/, '')}/api/v1/${endpoint}`);
  } catch (error) {
    throw new HostApiError('not_configured', 'The host URL is not a valid URL', { cause: error });
  }
}

/** Replaces the key in an error message, in case the host echoed it back in exception text. */
function withoutKey(error: unknown, apiKey: string): unknown {
  if (!(error instanceof HostApiError) || !error.message.includes(apiKey)) return error;
  return new HostApiError(error.kind, error.message.split(apiKey).join('<redacted>'), {
    hostStatus: error.hostStatus,
  });
}

/** An answer that parsed but is not the documented shape: the host is not what we expect. */
function unexpectedShape(endpoint: string): HostApiError {
  return new HostApiError('server_error', `The host's ${endpoint} answer has an unexpected shape`, {
    hostStatus: 200,
  });
}

/** POSTs `{apikey, ...fields}` to one endpoint and resolves to the parsed success body. */
type Caller = (endpoint: string, fields: JsonObject, keyOverride?: string) => Promise<JsonObject>;

/** Builds the single request path every method goes through. */
function createCaller(options: HostClientOptions): Caller {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (endpoint, fields, keyOverride) => {
    const apiKey = keyOverride ?? (await options.getApiKey());
    if (apiKey === null || apiKey === '') {
      throw new HostApiError('not_configured', 'No host API key is configured');
    }
    const url = endpointUrl(options.baseUrl, endpoint);
    try {
      const { status, text } = await postJson(url, { apikey: apiKey, ...fields }, timeoutMs);
      const body = parseJsonSafely(text);
      if (status < 200 || status >= 300 || (isObject(body) && body.status === 'error')) {
        throw errorFromResponse(status, body);
      }
      if (!isObject(body)) throw unexpectedShape(endpoint);
      return body;
    } catch (error) {
      throw withoutKey(error, apiKey);
    }
  };
}

/** Calls an endpoint whose payload sits under `data` and checks its outer shape. */
async function fetchData<T>(
  call: Caller,
  endpoint: string,
  isValid: (data: unknown) => boolean,
  fields: JsonObject = {},
): Promise<HostReply<T>> {
  const body = await call(endpoint, fields);
  if (!isValid(body.data)) throw unexpectedShape(endpoint);
  return { mode: modeOf(body), data: body.data as T };
}

/** Shape check for `{<key>: [...], statistics: {...}}` payloads (orderbook, holdings). */
function listWithStatistics(key: string): (data: unknown) => boolean {
  return (data) => isObject(data) && Array.isArray(data[key]) && isObject(data.statistics);
}

/** Creates the client. Cheap: holds no connection of its own (fetch pools them). */
export function createHostClient(options: HostClientOptions): HostClient {
  const call = createCaller(options);
  return {
    orderbook: () => fetchData(call, 'orderbook', listWithStatistics('orders')),
    tradebook: () => fetchData(call, 'tradebook', Array.isArray),
    holdings: () => fetchData(call, 'holdings', listWithStatistics('holdings')),
    funds: () => fetchData(call, 'funds', isObject),
    quotes: (symbol, exchange) => fetchData(call, 'quotes', isObject, { symbol, exchange }),
    async positionbook() {
      const body = await call('positionbook', {});
      if (!Array.isArray(body.data)) throw unexpectedShape('positionbook');
      const data = body.data as PositionbookReply['data'];
      return { mode: modeOf(body), data, totals: totalsOf(body) };
    },
    async closePosition(strategy = 'WhatsApp') {
      return closeResultOf(await call('closeposition', { strategy }));
    },
    async analyzerStatus() {
      return (await fetchData<AnalyzerStatus>(call, 'analyzer', isObject)).data;
    },
    async ping(apiKeyOverride?: string) {
      const body = await call('ping', {}, apiKeyOverride);
      if (!isObject(body.data)) throw unexpectedShape('ping');
      return body.data as unknown as PingData;
    },
  };
}

const TOTAL_FIELDS = [
  'total_pnl',
  'total_pnl_today',
  'total_today_realized_pnl',
  'total_unrealized_pnl',
] as const;

/** The sandbox's top-level positionbook totals; empty in live mode. */
function totalsOf(body: JsonObject): PositionTotals {
  const totals: PositionTotals = {};
  for (const field of TOTAL_FIELDS) {
    const value = body[field];
    if (typeof value === 'number' || typeof value === 'string') totals[field] = value;
  }
  return totals;
}

/** closeposition has no `data`: its result fields sit at the top level. */
function closeResultOf(body: JsonObject): ClosePositionResult {
  const result: ClosePositionResult = {
    mode: modeOf(body),
    message: typeof body.message === 'string' ? body.message : '',
  };
  for (const field of ['closed_positions', 'failed_closures'] as const) {
    const value = body[field];
    if (typeof value === 'number' || typeof value === 'string') result[field] = value;
  }
  return result;
}
