/**
 * The host's request schemas (marshmallow, `unknown=RAISE`) and its two 400 shapes: the object
 * message most endpoints use, and the Python-repr string message of analyzer and closeposition
 * (research/openalgo-api.md §8.0).
 */
import { HOST_EXCHANGES } from '../../../src/host/types.ts';

/** The REST endpoints the simulator serves, as they appear after `/api/v1/`. */
export const SIM_ENDPOINTS = [
  'orderbook',
  'tradebook',
  'positionbook',
  'holdings',
  'funds',
  'quotes',
  'closeposition',
  'analyzer',
  'analyzer/toggle',
  'ping',
] as const;

/** One simulated endpoint name. */
export type SimEndpoint = (typeof SIM_ENDPOINTS)[number];

interface FieldRule {
  type: 'string' | 'boolean';
  oneOf?: readonly string[];
  length?: readonly [number, number];
}

const API_KEY: FieldRule = { type: 'string', length: [1, 256] };
const KEY_ONLY = { apikey: API_KEY };

/** Fields each endpoint accepts; all of them are required. */
const SCHEMAS: Record<SimEndpoint, Record<string, FieldRule>> = {
  orderbook: KEY_ONLY,
  tradebook: KEY_ONLY,
  positionbook: KEY_ONLY,
  holdings: KEY_ONLY,
  funds: KEY_ONLY,
  ping: KEY_ONLY,
  analyzer: KEY_ONLY,
  quotes: {
    apikey: API_KEY,
    symbol: { type: 'string' },
    exchange: { type: 'string', oneOf: HOST_EXCHANGES },
  },
  closeposition: { apikey: API_KEY, strategy: { type: 'string' } },
  'analyzer/toggle': { apikey: API_KEY, mode: { type: 'boolean' } },
};

/** Endpoints whose 400 `message` is the Python repr of the error dict, not an object. */
const STRING_MESSAGE_ENDPOINTS = new Set<SimEndpoint>([
  'analyzer',
  'analyzer/toggle',
  'closeposition',
]);

/** marshmallow's per-field problems, keyed by field name. */
export type SchemaErrors = Record<string, string[]>;

function checkField(rule: FieldRule, value: unknown): string | null {
  if (rule.type === 'boolean') return typeof value === 'boolean' ? null : 'Not a valid boolean.';
  if (typeof value !== 'string') return 'Not a valid string.';
  if (rule.length && (value.length < rule.length[0] || value.length > rule.length[1])) {
    return `Length must be between ${rule.length[0]} and ${rule.length[1]}.`;
  }
  if (rule.oneOf && !rule.oneOf.includes(value)) return `Must be one of: ${rule.oneOf.join(', ')}.`;
  return null;
}

/** Validates a parsed body like the host's schema would; `null` when it passes. */
export function validateRequest(endpoint: SimEndpoint, body: unknown): SchemaErrors | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { _schema: ['Invalid input type.'] };
  }
  const schema = SCHEMAS[endpoint];
  const record = body as Record<string, unknown>;
  const errors: SchemaErrors = {};
  for (const [field, rule] of Object.entries(schema)) {
    const problem =
      field in record ? checkField(rule, record[field]) : 'Missing data for required field.';
    if (problem !== null) errors[field] = [problem];
  }
  for (const field of Object.keys(record)) {
    if (!(field in schema)) errors[field] = ['Unknown field.'];
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Python's `repr` of a `{str: [str]}` dict, as `str(err.messages)` prints it. */
export function pythonRepr(errors: SchemaErrors): string {
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const entries = Object.entries(errors).map(
    ([field, messages]) => `${quote(field)}: [${messages.map(quote).join(', ')}]`,
  );
  return `{${entries.join(', ')}}`;
}

/** The 400 body the host sends for these schema errors on this endpoint, in this mode. */
export function validationErrorBody(
  endpoint: SimEndpoint,
  errors: SchemaErrors,
  mode: 'live' | 'analyze',
): Record<string, unknown> {
  if (!STRING_MESSAGE_ENDPOINTS.has(endpoint)) return { message: errors, status: 'error' };
  // closeposition routes to the sandbox before validating, so its 400 names the mode too.
  const modeField = endpoint === 'closeposition' && mode === 'analyze' ? { mode } : {};
  return { message: pythonRepr(errors), ...modeField, status: 'error' };
}
