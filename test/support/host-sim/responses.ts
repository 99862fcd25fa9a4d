/**
 * What each simulated endpoint answers once the request passed validation and the key check:
 * live bodies from the live fixtures, analyze bodies (top-level `"mode":"analyze"` and the
 * sandbox's extra fields) from the analyze ones (research/openalgo-api.md §8.1-8.9).
 */
import type { HostMode } from '../../../src/host/types.ts';
import type { HostFixtures } from './fixtures.ts';
import type { SimEndpoint } from './validation.ts';

/** The mutable state the endpoints read and change. */
export interface SimState {
  apiKey: string;
  mode: HostMode;
  fixtures: Record<HostMode, HostFixtures>;
  /** Live order mode Semi-Auto: closeposition is refused with 403. */
  semiAuto: boolean;
  /** False simulates a revoked/expired broker login: every call gets the invalid-key 403. */
  brokerSessionValid: boolean;
}

/** Status code and JSON body of one answer. */
export interface SimResponse {
  status: number;
  body: Record<string, unknown>;
}

type Body = Record<string, unknown>;

const SEMI_AUTO_REFUSAL =
  'Close position operation is not allowed in Semi-Auto mode. Please switch to Auto mode to close positions.';

/** `{data, status}` plus `mode` in analyze mode, as the sandbox answers. */
function success(state: SimState, data: unknown, extra: Body = {}): SimResponse {
  const mode = state.mode === 'analyze' ? { mode: 'analyze' } : {};
  return { status: 200, body: { data, ...mode, ...extra, status: 'success' } };
}

function quotes(state: SimState, body: Body): SimResponse {
  const symbol = String(body.symbol);
  const exchange = String(body.exchange);
  // Quotes always hit the live broker, even in analyze mode.
  const quote = state.fixtures.live.quotes[`${symbol}:${exchange}`];
  if (quote === undefined) {
    const message = `Symbol '${symbol}' not found for exchange '${exchange}'. Please verify the symbol name and ensure master contracts are downloaded.`;
    return { status: 400, body: { message, status: 'error' } };
  }
  return { status: 200, body: { data: quote, status: 'success' } };
}

/** Zeroes the open positions of the current mode and says how many there were. */
function squareOff(fixtures: HostFixtures): number {
  const open = fixtures.positionbook.filter((position) => Number(position.quantity) !== 0);
  for (const position of open) position.quantity = 0;
  return open.length;
}

function closePosition(state: SimState): SimResponse {
  if (state.mode === 'live') {
    if (state.semiAuto)
      return { status: 403, body: { message: SEMI_AUTO_REFUSAL, status: 'error' } };
    squareOff(state.fixtures.live);
    return { status: 200, body: { message: 'All Open Positions Squared Off', status: 'success' } };
  }
  const closed = squareOff(state.fixtures.analyze);
  if (closed === 0) {
    return {
      status: 200,
      body: { message: 'No open positions to close', mode: 'analyze', status: 'success' },
    };
  }
  const body = {
    closed_positions: closed,
    failed_closures: 0,
    message: `Closed ${closed} positions`,
    mode: 'analyze',
    status: 'success',
  };
  return { status: 200, body };
}

function analyzerData(state: SimState): Body {
  const fixtures = state.fixtures[state.mode];
  return {
    analyze_mode: state.mode === 'analyze',
    mode: state.mode,
    total_logs: fixtures.totalLogs,
  };
}

function toggleAnalyzer(state: SimState, body: Body): SimResponse {
  state.mode = body.mode === true ? 'analyze' : 'live';
  const data = { ...analyzerData(state), message: `Analyzer mode switched to ${state.mode}` };
  return { status: 200, body: { data, status: 'success' } };
}

/** Answers a valid, authenticated request to `endpoint`. */
export function respond(endpoint: SimEndpoint, state: SimState, body: Body): SimResponse {
  const fixtures = state.fixtures[state.mode];
  switch (endpoint) {
    case 'orderbook':
      return success(state, fixtures.orderbook);
    case 'tradebook':
      return success(state, fixtures.tradebook);
    case 'positionbook':
      return success(
        state,
        fixtures.positionbook,
        state.mode === 'analyze' ? { ...fixtures.positionTotals } : {},
      );
    case 'holdings':
      return success(state, fixtures.holdings);
    case 'funds':
      return success(state, fixtures.funds);
    case 'quotes':
      return quotes(state, body);
    case 'closeposition':
      return closePosition(state);
    case 'analyzer':
      return { status: 200, body: { data: analyzerData(state), status: 'success' } };
    case 'analyzer/toggle':
      return toggleAnalyzer(state, body);
    case 'ping':
      return {
        status: 200,
        body: { data: { broker: fixtures.broker, message: 'pong' }, status: 'success' },
      };
  }
}
