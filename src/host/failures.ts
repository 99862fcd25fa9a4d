/**
 * Turns every way a host call can fail into one `HostApiError` with a `kind` and a message in
 * words. Mapping (research/openalgo-api.md §8.0):
 *
 * - connection refused, DNS failure, reset or dropped connection → `unreachable`
 * - our timeout (or undici's connect timeout) → `timeout`
 * - 401, or 403 naming the API key (`Invalid openalgo apikey`, the sandbox's `Invalid API key`)
 *   → `invalid_key`. OpenAlgo answers this same 403 when the key is valid but the broker login
 *   session was revoked or expired (`get_auth_token_broker` returns nothing in both cases, and
 *   even `/ping` needs a live broker session), so the body cannot tell them apart: the message
 *   names both causes.
 * - 403 whose message speaks of a session, login or token expiring → `broker_session_expired`
 *   (hosts that do tell the cases apart; never guessed from the generic message above)
 * - 403 refusing an operation by policy (`… not allowed in Semi-Auto mode …`) → `validation`,
 *   carrying the host's words: the key is fine, the request was refused.
 * - 400 and other 4xx → `validation` with the host's message flattened to `field: message`
 * - 404 (`Broker-specific module not found`), 429 and 5xx → `server_error`
 * - 200 with `"status":"error"` → `validation` when the message reads like a rejected input,
 *   else `server_error`
 * - non-JSON bodies never throw: they map by HTTP status with a generic message.
 */
import { HostApiError } from '../errors.ts';
import type { HostApiErrorKind } from '../errors.ts';

const SESSION_EXPIRED =
  /\b(session|login|token)\b.*\b(expired|revoked|invalid|required)\b|\bre-?login\b/i;
const POLICY_REFUSAL = /\bnot allowed\b/i;
const INPUT_PROBLEM =
  /not found|invalid|must be|missing|required|unknown field|not allowed|insufficient|not a valid/i;

/**
 * Renders the host's `message` in words. The object form
 * `{"exchange":["Must be one of: …"]}` becomes `exchange: Must be one of: …` (several fields
 * joined by `; `, `_schema` without a prefix); a string is returned as is.
 */
export function flattenHostMessage(message: unknown): string | null {
  if (typeof message === 'string') return message.trim() === '' ? null : message;
  if (message === null || typeof message !== 'object') return null;
  const parts = Object.entries(message as Record<string, unknown>).flatMap(([field, value]) =>
    flattenField(field, value),
  );
  return parts.length > 0 ? parts.join('; ') : null;
}

/** One `field: message` per problem, recursing into nested schema errors. */
function flattenField(field: string, value: unknown): string[] {
  const prefix = field === '_schema' ? '' : `${field}: `;
  if (Array.isArray(value)) {
    const texts = value.filter((item): item is string => typeof item === 'string');
    return texts.length > 0 ? [`${prefix}${texts.join(' ')}`] : [];
  }
  if (typeof value === 'string') return [`${prefix}${value}`];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([child, inner]) =>
      flattenField(field === '_schema' ? child : `${field}.${child}`, inner),
    );
  }
  return [];
}

/** Classifies a 403 by its message (see the module comment for why). */
function kindFor403(message: string | null): HostApiErrorKind {
  if (message !== null && POLICY_REFUSAL.test(message)) return 'validation';
  if (message !== null && SESSION_EXPIRED.test(message)) return 'broker_session_expired';
  return 'invalid_key';
}

/** Picks the failure kind from the HTTP status and the host's message. */
export function kindForResponse(status: number, message: string | null): HostApiErrorKind {
  if (status === 401) return 'invalid_key';
  if (status === 403) return kindFor403(message);
  if (status === 404 || status === 429 || status >= 500) return 'server_error';
  if (status >= 400) return 'validation';
  return message !== null && INPUT_PROBLEM.test(message) ? 'validation' : 'server_error';
}

/** The message shown for each kind when the host's own words are not the point. */
function wordsFor(kind: HostApiErrorKind, status: number, message: string | null): string {
  switch (kind) {
    case 'invalid_key':
      return 'The host rejected the API key (it is invalid, or the broker login session has expired)';
    case 'broker_session_expired':
      return `The host's broker session has expired; log in to the host again (${message ?? 'no detail'})`;
    case 'validation':
      return message ?? `The host rejected the request (HTTP ${status})`;
    default:
      return message === null
        ? `The host failed (HTTP ${status})`
        : `The host failed (HTTP ${status}): ${message}`;
  }
}

/**
 * Builds the error for a host answer that is not a success: a non-2xx status, or a 2xx whose body
 * says `"status":"error"`. `body` is the parsed JSON, or `undefined` when it was not JSON.
 */
export function errorFromResponse(status: number, body: unknown): HostApiError {
  const rawMessage =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>).message : null;
  const message = flattenHostMessage(rawMessage);
  const kind = kindForResponse(status, message);
  return new HostApiError(kind, wordsFor(kind, status, message), { hostStatus: status });
}

/** Reads `code` off an error or its `cause` chain (undici nests the socket error). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a thrown fetch/transport error (no HTTP answer) to `timeout` or `unreachable`. */
export function errorFromNetwork(error: unknown, timeoutMs: number): HostApiError {
  const name = error instanceof Error ? error.name : '';
  const code = errorCode(error);
  if (name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new HostApiError('timeout', `The host did not answer within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  // Refused, DNS failure, reset or dropped connection: the host is not there to answer.
  return new HostApiError('unreachable', `Cannot reach the host (${code ?? 'network error'})`, {
    cause: error,
  });
}
