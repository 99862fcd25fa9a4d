/**
 * JSON Schemas for the order-event webhook body of SPEC §4.1 (`{type, timestamp, data}`), one per
 * topic family, and the validator compiled once at module load.
 *
 * Strict where it protects us: the envelope's own keys, every known field's type, string lengths,
 * list lengths and key counts. Permissive where the host evolves: extra keys inside `data`,
 * `request_data`, `response_data` and result items are accepted. Numeric fields accept numbers or
 * strings (OpenAlgo echoes the caller's request, which often carries `"quantity": "10"`). A topic the
 * catalogue does not know is checked against the generic envelope only (the base `data` fields of
 * OpenAlgo's OrderEvent), then accepted and ignored.
 */
import { Ajv, type ErrorObject } from 'ajv';
import formats from 'ajv-formats';
import { ValidationError } from '../../errors.ts';
import { topicsOfFamily, type TopicFamily } from '../../alerts/topics.ts';

/** Caps: generous for real payloads, small enough that a hostile body cannot bloat the outbox. */
const SHORT = 128;
const TEXT = 2048;
const MAX_LIST = 1000;
const MAX_IDS = 5000;
const MAX_KEYS = 200;
/** A decimal numeral, optionally signed or with an exponent; surrounding spaces tolerated. */
const NUMERIC_TEXT = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$';

/** A scalar the host echoes from the caller: its text is shown, so only its size is checked. */
export type Scalar = string | number | null;

const shortText = { type: ['string', 'null'], maxLength: SHORT } as const;
const longText = { type: ['string', 'null'], maxLength: TEXT } as const;
const scalar = { type: ['string', 'number', 'null'], maxLength: SHORT } as const;
const numeric = {
  type: ['string', 'number', 'null'],
  maxLength: 32,
  pattern: NUMERIC_TEXT,
} as const;
const scalarList = (maxItems: number) => ({ type: 'array', maxItems, items: scalar }) as const;
const openObject = (properties: Record<string, object>, maxProperties = MAX_KEYS) =>
  ({ type: 'object', maxProperties, properties }) as const;
const objectList = (properties: Record<string, object>, maxItems = MAX_LIST) =>
  ({ type: 'array', maxItems, items: openObject(properties, 64) }) as const;

/** Keys shared by single-order requests, results and typed fields. */
const orderKeys = {
  strategy: longText,
  symbol: shortText,
  exchange: shortText,
  action: shortText,
  product: shortText,
  pricetype: shortText,
  quantity: scalar,
  price: scalar,
  trigger_price: scalar,
  orderid: scalar,
  status: shortText,
  message: longText,
};

const resultItemKeys = {
  ...orderKeys,
  order_num: scalar,
  leg: scalar,
  offset: shortText,
  option_type: shortText,
  total_quantity: scalar,
  split_size: scalar,
  split_results: { type: 'array', maxItems: MAX_LIST },
  mode: shortText,
};

/** Known `request_data` keys (the caller's request without `apikey`). */
const requestDataSchema = openObject({
  ...orderKeys,
  disclosed_quantity: scalar,
  position_size: scalar,
  underlying: shortText,
  trigger_type: shortText,
  trigger_id: scalar,
  trigger_prices: scalarList(50),
  api_type: shortText,
});

/** Known `response_data` keys (the API response returned to the caller). */
const responseDataSchema = openObject({
  ...orderKeys,
  mode: shortText,
  results: objectList(resultItemKeys),
  canceled_orders: scalarList(MAX_IDS),
  failed_cancellations: objectList(
    { orderid: scalar, reason: longText, message: longText },
    MAX_IDS,
  ),
  closed_positions: scalar,
  failed_closures: scalar,
  total_quantity: scalar,
  split_size: scalar,
  underlying: shortText,
  underlying_ltp: scalar,
  trigger_id: scalar,
});

/** The base of every event's `data`: OpenAlgo's OrderEvent envelope plus the host username. */
const baseDataKeys = {
  api_type: { type: 'string', maxLength: SHORT },
  username: { type: 'string', minLength: 1, maxLength: SHORT },
  mode: { type: 'string', enum: ['live', 'analyze'] },
  parent_id: scalar,
  request_data: requestDataSchema,
  response_data: responseDataSchema,
};
const baseRequired = ['api_type', 'username', 'request_data', 'response_data'];

/** Typed fields each family's publishers add beside the envelope (research §1.3). */
const familyKeys: Record<TopicFamily, Record<string, object>> = {
  order: {
    ...orderKeys,
    quantity: numeric,
    error_message: longText,
    canceled_count: numeric,
    failed_count: numeric,
    canceled_orders: scalarList(MAX_IDS),
    failed_cancellations: objectList({ orderid: scalar, reason: longText }, MAX_IDS),
  },
  batch: {
    ...orderKeys,
    underlying: shortText,
    results: objectList(resultItemKeys),
    successful: numeric,
    total: numeric,
    total_quantity: numeric,
    split_size: numeric,
    successful_legs: numeric,
    failed_legs: numeric,
  },
  gtt: {
    strategy: longText,
    symbol: shortText,
    exchange: shortText,
    status: shortText,
    message: longText,
    trigger_type: shortText,
    trigger_id: scalar,
    trigger_prices: { type: 'array', maxItems: 50, items: numeric },
    triggered_order_id: scalar,
    error_message: longText,
  },
  update: {
    ...orderKeys,
    quantity: numeric,
    price: numeric,
    trigger_price: numeric,
    order_status: shortText,
    filled_quantity: numeric,
    pending_quantity: numeric,
    average_price: numeric,
    rejection_reason: longText,
    broker: shortText,
    tradeid: scalar,
  },
};

const dataSchema = (extra: Record<string, object>) =>
  ({
    type: 'object',
    required: baseRequired,
    maxProperties: MAX_KEYS,
    properties: { ...extra, ...baseDataKeys },
  }) as const;

/** `data` of a topic the catalogue does not know: the base envelope only. */
export const genericDataSchema = dataSchema({});
/** `data` per topic family: the base envelope plus that family's typed fields. */
export const familyDataSchemas: Readonly<Record<TopicFamily, object>> = {
  order: dataSchema(familyKeys.order),
  batch: dataSchema(familyKeys.batch),
  gtt: dataSchema(familyKeys.gtt),
  update: dataSchema(familyKeys.update),
};

const familyRule = (family: TopicFamily) => ({
  if: {
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string', enum: topicsOfFamily(family) } },
  },
  then: { type: 'object', properties: { data: familyDataSchemas[family] } },
});

/** The whole webhook body: the generic envelope, narrowed per family by `type`. */
export const orderEventSchema = {
  $id: 'openalgo-whatsapp/order-event',
  type: 'object',
  required: ['type', 'timestamp', 'data'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' },
    timestamp: { type: 'string', maxLength: 64, format: 'date-time' },
    data: genericDataSchema,
  },
  allOf: (['order', 'batch', 'gtt', 'update'] as const).map(familyRule),
} as const;

/** Known `request_data` fields; anything else the host adds is kept as `unknown`. */
export interface RequestData {
  [key: string]: unknown;
  strategy?: string | null;
  symbol?: string | null;
  exchange?: string | null;
  action?: string | null;
  product?: string | null;
  pricetype?: string | null;
  quantity?: Scalar;
  price?: Scalar;
  trigger_price?: Scalar;
  orderid?: Scalar;
  position_size?: Scalar;
  underlying?: string | null;
  trigger_type?: string | null;
  trigger_id?: Scalar;
  trigger_prices?: Scalar[];
}

/** One entry of `results` (basket, split, options, multi-leg). */
export interface ResultItem {
  [key: string]: unknown;
  symbol?: string | null;
  action?: string | null;
  status?: string | null;
  orderid?: Scalar;
  message?: string | null;
}

/** Known `response_data` fields; anything else the host adds is kept as `unknown`. */
export interface ResponseData {
  [key: string]: unknown;
  status?: string | null;
  message?: string | null;
  mode?: string | null;
  orderid?: Scalar;
  results?: ResultItem[];
  canceled_orders?: Scalar[];
  failed_cancellations?: Array<Record<string, unknown>>;
  closed_positions?: Scalar;
  failed_closures?: Scalar;
  total_quantity?: Scalar;
  split_size?: Scalar;
  underlying_ltp?: Scalar;
  trigger_id?: Scalar;
}

/**
 * `data` of a validated event: the base envelope (always present) and the typed fields a family may
 * carry (present only when the host has them; their types are checked for known topics only).
 */
export interface OrderEventData {
  [key: string]: unknown;
  api_type: string;
  username: string;
  mode?: 'live' | 'analyze';
  parent_id?: Scalar;
  request_data: RequestData;
  response_data: ResponseData;
}

/** A webhook body that passed {@link validateOrderEvent}. */
export interface OrderEvent {
  /** The topic, e.g. `order.placed`; unknown topics are valid too (see `classifyTopic`). */
  type: string;
  /** ISO-8601 time of the event, with an offset or `Z`. */
  timestamp: string;
  data: OrderEventData;
}

/** Result of {@link validateOrderEvent}: the typed event, or the first problem as `path: message`. */
export type OrderEventValidation = { ok: true; event: OrderEvent } | { ok: false; error: string };

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
formats.default(ajv, ['date-time']);
const compiled = ajv.compile<OrderEvent>(orderEventSchema);

/** Turns an ajv instance path (`/data/results/0/status`) into `data.results[0].status`. */
function toDottedPath(instancePath: string): string {
  const segments = instancePath.split('/').slice(1);
  return segments
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg),
      '',
    );
}

/** Rewords the ajv messages a host developer is most likely to meet. */
function friendlyMessage(error: ErrorObject, params: Record<string, unknown>): string {
  if (error.keyword === 'type') return `must be ${String(params.type).split(',').join(' or ')}`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.join(', ')}`;
  }
  if (error.keyword === 'pattern' && params.pattern === NUMERIC_TEXT) {
    return 'must be a number or a numeric string';
  }
  return error.message ?? 'is invalid';
}

/** Formats one ajv error as `path: message`, naming the key for missing or extra properties. */
export function describeSchemaError(error: ErrorObject): string {
  const base = toDottedPath(error.instancePath);
  const join = (key: string) => (base ? `${base}.${key}` : key);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${join(String(params.missingProperty))}: is required`;
  if (error.keyword === 'additionalProperties') {
    return `${join(String(params.additionalProperty))}: is not allowed`;
  }
  return `${base || 'body'}: ${friendlyMessage(error, params)}`;
}

/**
 * Validates a parsed webhook body. On failure `error` is the first problem as `"path: message"`:
 * `data.username: must be string`, `data.username: is required`, `body: must be object`.
 */
export function validateOrderEvent(body: unknown): OrderEventValidation {
  if (compiled(body)) return { ok: true, event: body };
  const first = compiled.errors?.[0];
  return { ok: false, error: first ? describeSchemaError(first) : 'body: is invalid' };
}

/** Like {@link validateOrderEvent} but throws a 400 {@link ValidationError} with the same message. */
export function parseOrderEvent(body: unknown): OrderEvent {
  const result = validateOrderEvent(body);
  if (!result.ok) throw new ValidationError(result.error, { code: 'invalid_order_event' });
  return result.event;
}
