/**
 * The OpenAPI 3.1 document of the notify API, served at `GET /api/v1/whatsapp/openapi.json`. The
 * request schema is the very object the endpoint validates with, so the two cannot drift; response
 * schemas describe every status the endpoint answers with.
 */
import { NOTIFY_REQUEST_SCHEMA } from '../http/schemas/notify-request.ts';

/** Where the endpoint and its document are served. */
export const NOTIFY_PATH = '/api/v1/whatsapp/notify';
export const OPENAPI_PATH = '/api/v1/whatsapp/openapi.json';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['status', 'message', 'code'],
  properties: {
    status: { const: 'error' },
    message: { type: 'string' },
    code: { type: 'string', description: 'Stable snake_case id of the error.' },
  },
} as const;

const REPORT_SCHEMA = {
  type: 'object',
  required: ['sent', 'failed', 'skipped'],
  additionalProperties: false,
  properties: {
    sent: { type: 'array', items: { type: 'string' }, description: 'JIDs delivered to.' },
    failed: {
      type: 'array',
      items: {
        type: 'object',
        required: ['to', 'error'],
        additionalProperties: false,
        properties: { to: { type: 'string' }, error: { type: 'string' } },
      },
    },
    skipped: { type: 'integer', minimum: 0, description: '`phones` entries cut by the cap of 5.' },
  },
} as const;

/** Response body schemas by name (also under `components.schemas`). */
export const NOTIFY_RESPONSE_SCHEMAS = {
  DeliveryReport: {
    type: 'object',
    required: ['status', 'message', 'data'],
    properties: {
      status: { enum: ['success', 'error'] },
      message: { type: 'string', pattern: '^Delivered to \\d+, failed \\d+$' },
      code: { const: 'delivery_failed' },
      data: REPORT_SCHEMA,
    },
  },
  Queued: {
    type: 'object',
    required: ['status', 'message', 'queued'],
    additionalProperties: false,
    properties: {
      status: { const: 'success' },
      message: { type: 'string', pattern: '^Queued for \\d+ recipient\\(s\\)$' },
      queued: { type: 'integer', minimum: 1 },
    },
  },
  Error: ERROR_SCHEMA,
  RateLimited: {
    ...ERROR_SCHEMA,
    required: [...ERROR_SCHEMA.required, 'retry_after'],
    properties: { ...ERROR_SCHEMA.properties, retry_after: { type: 'integer', minimum: 1 } },
  },
} as const;

const ref = (name: keyof typeof NOTIFY_RESPONSE_SCHEMAS) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
});

/** Every status the endpoint answers with, and what it means. */
const RESPONSES = {
  '200': { description: 'Sent; `data` reports each recipient.', ...ref('DeliveryReport') },
  '202': { description: 'Queued in the outbox (`wait_for_delivery: false`).', ...ref('Queued') },
  '400': { description: 'Invalid payload, or a body that is not valid JSON.', ...ref('Error') },
  '401': { description: '`Invalid or missing API key`.', ...ref('Error') },
  '404': { description: '`Username not found or not linked to WhatsApp`.', ...ref('Error') },
  '409': {
    description: 'WhatsApp not paired or not connected, or the Idempotency-Key is in progress.',
    ...ref('Error'),
  },
  '413': { description: 'Body over 1 MiB.', ...ref('Error') },
  '415': { description: 'Content-Type is not application/json.', ...ref('Error') },
  '429': {
    description: 'Rate limit exceeded (per IP and per API key).',
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
    ...ref('RateLimited'),
  },
  '502': { description: 'Every recipient failed; `data` says why.', ...ref('DeliveryReport') },
} as const;

const PARAMETERS = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'A retry with the same key within 24 h returns the first answer and sends nothing.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
  },
] as const;

/** Builds the document (a fresh object each call, so callers may not alter a shared one). */
export function buildNotifyOpenApi(version: string): Record<string, unknown> {
  return structuredClone({
    openapi: '3.1.0',
    info: {
      title: 'openalgo-whatsapp notify API',
      version,
      description:
        "Send WhatsApp messages through the trader's linked device. Wire-compatible with OpenAlgo's POST /api/v1/whatsapp/notify.",
    },
    paths: {
      [NOTIFY_PATH]: {
        post: {
          operationId: 'notify',
          summary: 'Send a text, image or document to self, a linked user, or up to 5 phones',
          security: [{ apiKeyHeader: [] }, { apiKeyQuery: [] }, {}],
          parameters: PARAMETERS,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/NotifyRequest' } },
            },
          },
          responses: RESPONSES,
        },
      },
    },
    components: {
      schemas: { NotifyRequest: NOTIFY_REQUEST_SCHEMA, ...NOTIFY_RESPONSE_SCHEMAS },
      securitySchemes: {
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-KEY' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'apikey' },
      },
    },
  });
}
