/**
 * Generated requests for the public endpoints: the webhook (unsigned, signed with the right
 * secret around valid envelopes with random data, random JSON, random bytes), the notify API
 * (random bodies, the owner key in the header) and the admin JSON/form routes (random records
 * over the routes' own field names). Each arbitrary yields a transport-neutral {@link FuzzRequest}
 * so the same generators drive supertest (volume) and real HTTP against a child process.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { TEST_SECRETS } from '../config.ts';
import { buildOrderEvent, ORDER_TOPICS } from '../host-sim/index.ts';

/** One request: method, path, headers and the exact body bytes. */
export interface FuzzRequest {
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** `v1,<base64 HMAC-SHA256>` over `id.timestamp.body` with the `whsec_` secret: any bytes. */
export function signBytes(secret: string, id: string, timestampSec: number, body: Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${id}.${timestampSec}.`), body]))
    .digest('base64');
  return `v1,${mac}`;
}

const bytes = fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array));
const jsonBytes = (value: fc.Arbitrary<unknown>) =>
  value.map((v) => Buffer.from(JSON.stringify(v) ?? 'null'));

/** Envelopes that pass or nearly pass the schema: real events with fields swapped for noise. */
const envelopes: fc.Arbitrary<unknown> = fc
  .record({
    topic: fc.oneof(fc.constantFrom(...ORDER_TOPICS), fc.string({ maxLength: 30 })),
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string({ maxLength: 30 }),
    ),
    noise: fc.dictionary(
      fc.oneof(
        fc.constantFrom('symbol', 'orderid', 'quantity', 'mode', 'username', 'results', 'strategy'),
        fc.string({ maxLength: 12 }),
      ),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 6 },
    ),
    request: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })),
    response: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })),
  })
  .map(({ topic, timestamp, noise, request, response }) => {
    const base = buildOrderEvent('order.placed');
    return {
      type: topic,
      timestamp,
      data: {
        ...base.data,
        ...noise,
        request_data: { ...base.data.request_data, ...request },
        response_data: { ...base.data.response_data, ...response },
      },
    };
  });

/** Valid events of every topic with random values in the fields the alerts print. */
const validEvents: fc.Arbitrary<unknown> = fc
  .record({
    topic: fc.constantFrom(...ORDER_TOPICS),
    symbol: fc.string({ minLength: 1, maxLength: 20 }),
    quantity: fc.oneof(fc.integer(), fc.double(), fc.stringMatching(/^[0-9.]{1,8}$/)),
    orderid: fc.string({ maxLength: 20 }),
    strategy: fc.string({ maxLength: 30 }),
    mode: fc.constantFrom('live', 'analyze'),
  })
  .map(({ topic, symbol, quantity, orderid, strategy, mode }) =>
    buildOrderEvent(topic, {
      mode,
      timestamp: new Date().toISOString(),
      data: {
        strategy,
        request_data: { symbol, quantity, strategy },
        response_data: { orderid },
      },
    }),
  );

let webhookCounter = 0;

/** Webhook requests: about 1/4 unsigned or wrongly signed, the rest signed with the secret. */
export function webhookRequests(secret = TEST_SECRETS.WEBHOOK_SECRET): fc.Arbitrary<FuzzRequest> {
  const payload = fc.oneof(
    { weight: 3, arbitrary: jsonBytes(validEvents) },
    { weight: 3, arbitrary: jsonBytes(envelopes) },
    { weight: 2, arbitrary: jsonBytes(fc.jsonValue()) },
    { weight: 1, arbitrary: bytes },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)) },
  );
  const unsigned = fc.record({
    id: fc.string({ maxLength: 40 }),
    ts: fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)),
    sig: fc.oneof(fc.string({ maxLength: 80 }), fc.constant('')),
  });
  const signing = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, unsigned);
  return fc.tuple(payload, signing, fc.boolean()).map(([body, garbage, jsonType]) => {
    // Unique ids, so signed valid events are new ones (a repeat is the duplicate path).
    const id = garbage?.id ?? `msg_fuzz_${process.pid}_${(webhookCounter += 1)}`;
    const ts = garbage?.ts ?? String(Math.floor(Date.now() / 1000));
    const sig = garbage?.sig ?? signBytes(secret, id, Number(ts), body);
    const headers: Record<string, string> = {
      'webhook-id': id,
      'webhook-timestamp': ts,
      'webhook-signature': sig,
    };
    if (jsonType) headers['content-type'] = 'application/json';
    return { method: 'POST' as const, path: '/webhooks/openalgo', headers, body };
  });
}

/** Notify requests with `apiKey` in `X-API-KEY`: plausible bodies, random JSON, random bytes. */
export function notifyRequests(apiKey: string): fc.Arbitrary<FuzzRequest> {
  const phone = fc.oneof(fc.stringMatching(/^\+?[0-9]{7,15}$/), fc.jsonValue());
  const plausible = fc.record(
    {
      self: fc.oneof(fc.boolean(), fc.jsonValue()),
      username: fc.oneof(fc.constantFrom('trader1', 'nobody'), fc.jsonValue()),
      phone,
      phones: fc.oneof(fc.array(phone, { maxLength: 5 }), fc.jsonValue()),
      message: fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue()),
      image_path: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('/etc/passwd')),
      document_path: fc.string({ maxLength: 40 }),
      caption: fc.string({ maxLength: 50 }),
      filename: fc.string({ maxLength: 50 }),
      wait_for_delivery: fc.oneof(fc.constant(false), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );
  const recipient = fc.oneof(
    fc.constant({ self: true }),
    fc.stringMatching(/^[0-9]{10,13}$/).map((number) => ({ phone: number })),
    fc
      .array(fc.stringMatching(/^\+?[0-9]{10,13}$/), { minLength: 1, maxLength: 4 })
      .map((phones) => ({ phones })),
  );
  const valid = fc
    .tuple(recipient, fc.string({ minLength: 1, maxLength: 300 }), fc.boolean())
    .map(([to, message, wait]) => ({ ...to, message, wait_for_delivery: wait }));
  const body = fc.oneof(
    { weight: 3, arbitrary: jsonBytes(valid) },
    { weight: 5, arbitrary: jsonBytes(plausible) },
    { weight: 2, arbitrary: jsonBytes(fc.jsonValue()) },
    { weight: 1, arbitrary: bytes },
  );
  return fc.tuple(body, fc.option(fc.string({ maxLength: 30 }))).map(([payload, idem]) => ({
    method: 'POST' as const,
    path: '/api/v1/whatsapp/notify',
    headers: {
      'content-type': 'application/json',
      'x-api-key': apiKey,
      ...(idem === null ? {} : { 'idempotency-key': idem }),
    },
    body: payload,
  }));
}

/** Field names the admin routes read, so generated records reach their validation. */
export const ADMIN_FIELDS = [
  'username',
  'password',
  'message',
  'phone',
  'phones',
  'display',
  'document',
  'image',
  'confirm',
  'notifications',
  'notifications_enabled',
  'notifications_only',
  'owner_api_key',
  'owner_phones',
  'rate_limit_per_minute',
  'max_message_length',
  'filters',
  'broadcast_enabled',
  'clear_owner_api_key',
  'host_server',
  'mode',
  'owner_username',
  'quiet_hours_start',
  'quiet_hours_end',
  'summary_time',
  'timezone',
  'method',
  'phone_number',
  'token',
  '_back',
] as const;

/** Admin POST bodies for `path`: JSON records over {@link ADMIN_FIELDS}, random JSON, forms. */
export function adminRequests(
  path: string,
  headers: () => Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const value = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.stringMatching(/^\+?[0-9]{7,15}$/),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const record = fc.dictionary(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ADMIN_FIELDS) }, fc.string()),
    value,
    { maxKeys: 8 },
  );
  const json = fc.oneof({ weight: 4, arbitrary: record }, fc.jsonValue()).map((v) => ({
    type: 'application/json',
    body: Buffer.from(JSON.stringify(v) ?? 'null'),
  }));
  const form = fc
    .dictionary(fc.constantFrom(...ADMIN_FIELDS), fc.string({ maxLength: 60 }), { maxKeys: 6 })
    .map((fields) => ({
      type: 'application/x-www-form-urlencoded',
      body: Buffer.from(new URLSearchParams(fields).toString()),
    }));
  const raw = bytes.map((body) => ({ type: 'application/json', body }));
  return fc.oneof({ weight: 5, arbitrary: json }, form, raw).map(({ type, body }) => ({
    method: 'POST' as const,
    path,
    headers: { 'content-type': type, accept: 'application/json', ...headers() },
    body,
  }));
}
