/**
 * The JSON Schema of the `POST /api/v1/whatsapp/notify` body (SPEC §6), its TypeScript type, and
 * the validator compiled once at module load. The same schema object is served in the OpenAPI
 * document, so the docs cannot drift from what the endpoint checks.
 *
 * The schema checks types and lengths only. Rules that need more than one field (exactly one
 * recipient form, at least one content field) or the outside world (attachment paths, usernames)
 * live in `src/notify/`. Like OpenAlgo, a `null` field counts as absent, and unknown keys are
 * ignored so existing scripts that send extra fields keep working.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { ValidationError } from '../../errors.ts';

/** Limits of SPEC §6 (characters are Unicode code points, as OpenAlgo counts them). */
export const NOTIFY_LIMITS = {
  message: 4096,
  caption: 1024,
  filename: 255,
  username: 128,
  apikey: 512,
  path: 4096,
  phoneText: 64,
  properties: 64,
} as const;

/** The JSON Schema of the request body (draft-07 and 2020-12 compatible keywords only). */
export const NOTIFY_REQUEST_SCHEMA = {
  type: 'object',
  maxProperties: NOTIFY_LIMITS.properties,
  properties: {
    apikey: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.apikey,
      description: 'Host API key; may instead come from the X-API-KEY header or ?apikey=.',
    },
    self: {
      type: ['boolean', 'null'],
      description: "true: send to the paired account's own chat. false counts as absent.",
    },
    username: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.username,
      description: 'Host username of a linked recipient.',
    },
    phone: {
      type: ['string', 'integer', 'null'],
      maxLength: NOTIFY_LIMITS.phoneText,
      description: 'One number; non-digits are stripped, 7–15 digits must remain.',
    },
    phones: {
      type: ['array', 'null'],
      description:
        'Numbers (strings or integers). Only the first 5 are considered; invalid entries are dropped.',
    },
    message: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.message,
      description: 'Text body; optional when an attachment is given.',
    },
    image_path: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.path,
      description: 'Absolute server-local path inside WHATSAPP_ATTACHMENT_ROOTS.',
    },
    document_path: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.path,
      description: 'Absolute server-local path inside WHATSAPP_ATTACHMENT_ROOTS.',
    },
    caption: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.caption,
      description: "Image caption, or the document's follow-up text when there is no message.",
    },
    filename: {
      type: ['string', 'null'],
      maxLength: NOTIFY_LIMITS.filename,
      pattern: '^[^/\\\\\\u0000-\\u001f]*$',
      description: 'Display name of a document; no path separators or control characters.',
    },
    wait_for_delivery: {
      type: ['boolean', 'null'],
      default: true,
      description: 'true: answer with a delivery report (200/502). false: queue and answer 202.',
    },
  },
} as const;

/** A validated body; absent and `null` fields are both `undefined` here. */
export interface NotifyRequestBody {
  apikey?: string;
  self?: boolean;
  username?: string;
  phone?: string | number;
  phones?: unknown[];
  message?: string;
  image_path?: string;
  document_path?: string;
  caption?: string;
  filename?: string;
  wait_for_delivery?: boolean;
}

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const compiled = ajv.compile(NOTIFY_REQUEST_SCHEMA);

/** Messages for the failures a client will meet; OpenAlgo's wording where it has one. */
const MESSAGES: Record<string, Partial<Record<string, string>> & { type: string }> = {
  apikey: { type: "'apikey' must be a string", maxLength: 'Invalid or missing API key' },
  self: { type: "'self' must be a boolean" },
  username: {
    type: "'username' must be a string",
    maxLength: `'username' must not exceed ${NOTIFY_LIMITS.username} characters`,
  },
  phone: { type: 'Invalid phone number', maxLength: 'Invalid phone number' },
  phones: { type: "'phones' must be a list" },
  message: {
    type: "'message' must be a string",
    maxLength: `Message must not exceed ${NOTIFY_LIMITS.message} characters`,
  },
  image_path: { type: "'image_path' must be a string", maxLength: 'image_path is not allowed' },
  document_path: {
    type: "'document_path' must be a string",
    maxLength: 'document_path is not allowed',
  },
  caption: {
    type: "'caption' must be a string",
    maxLength: `Caption must not exceed ${NOTIFY_LIMITS.caption} characters`,
  },
  filename: {
    type: "'filename' must be a string",
    maxLength: `Filename must not exceed ${NOTIFY_LIMITS.filename} characters`,
    pattern: 'Filename must not contain path separators or control characters',
  },
  wait_for_delivery: { type: "'wait_for_delivery' must be a boolean" },
};

/** One ajv error → the message shown to the client. */
function describe(error: ErrorObject): string {
  if (error.instancePath === '') {
    return error.keyword === 'maxProperties'
      ? `Request body must not have more than ${NOTIFY_LIMITS.properties} fields`
      : 'Request body must be a JSON object';
  }
  const field = error.instancePath.slice(1).split('/')[0] ?? '';
  const messages = MESSAGES[field];
  return messages?.[error.keyword] ?? messages?.type ?? `'${field}' is invalid`;
}

/** Drops `null` and `undefined` values: OpenAlgo treats a `null` field as not given. */
function withoutNulls(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value != null));
}

/**
 * Checks `value` against {@link NOTIFY_REQUEST_SCHEMA}. Throws a 400 ValidationError naming the
 * first problem (never a 500, whatever the JSON); returns the body with `null` fields removed.
 */
export function parseNotifyRequest(value: unknown): NotifyRequestBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('Request body must be a JSON object', { code: 'invalid_body' });
  }
  if (!compiled(value)) {
    const first = compiled.errors?.[0];
    throw new ValidationError(first ? describe(first) : 'Request body is invalid');
  }
  return withoutNulls(value as Record<string, unknown>);
}
