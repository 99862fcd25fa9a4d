/**
 * One error vocabulary for the whole app. Every error names whose fault it is, carries the HTTP
 * status it maps to, a stable snake_case `code`, and whether its message may be shown to a client
 * (`expose`: 4xx yes, 5xx never). The HTTP error middleware and the command error boundary are the
 * only two translators.
 */

/** Options shared by every application error. */
export interface AppErrorOptions {
  /** Underlying error, kept for logs only. */
  cause?: unknown;
  /** Extra fields rendered into the JSON error body (e.g. `retry_after`). */
  details?: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/** Base class: status, stable code, and whether the message is safe to show. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.expose = status < 500;
    this.details = options.details;
    this.headers = options.headers;
  }
}

/** The client sent something malformed or out of range (400 unless told otherwise). */
export class ValidationError extends AppError {
  constructor(message: string, options: AppErrorOptions & { status?: number; code?: string } = {}) {
    super(options.status ?? 400, options.code ?? 'validation_failed', message, options);
  }
}

/** Missing or wrong credentials (401 unless told otherwise, e.g. 403). */
export class AuthError extends AppError {
  constructor(message: string, options: AppErrorOptions & { status?: number; code?: string } = {}) {
    super(options.status ?? 401, options.code ?? 'unauthorized', message, options);
  }
}

/** The resource does not exist (404). */
export class NotFoundError extends AppError {
  constructor(message = 'Not found', options: AppErrorOptions & { code?: string } = {}) {
    super(404, options.code ?? 'not_found', message, options);
  }
}

/** WhatsApp is not paired or not open (409). */
export class NotPairedError extends AppError {
  constructor(
    message = 'WhatsApp is not paired or not connected. Pair the device first from the /whatsapp page before sending.',
    options: AppErrorOptions = {},
  ) {
    super(409, 'not_paired', message, options);
  }
}

/** The client is going too fast (429, with `Retry-After`). */
export class RateLimitError extends AppError {
  constructor(
    retryAfterSeconds: number,
    message = 'Rate limit exceeded. Please slow down your requests.',
  ) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, 'rate_limited', message, {
      details: { retry_after: retryAfter },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}

/** Kinds of host REST failure, each with its own short reply to the owner. */
export type HostApiErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'invalid_key'
  | 'broker_session_expired'
  | 'validation'
  | 'server_error'
  | 'not_configured';

/** A call to the host's REST API failed; `kind` says how. Shown to the owner in words. */
export class HostApiError extends AppError {
  readonly kind: HostApiErrorKind;
  /** HTTP status the host answered with, when it answered. */
  readonly hostStatus: number | undefined;

  constructor(
    kind: HostApiErrorKind,
    message: string,
    options: AppErrorOptions & { hostStatus?: number } = {},
  ) {
    super(502, `host_${kind}`, message, options);
    this.kind = kind;
    this.hostStatus = options.hostStatus;
  }
}

/** Sending or linking through WhatsApp failed (502 unless told otherwise). */
export class TransportError extends AppError {
  constructor(message: string, options: AppErrorOptions & { status?: number; code?: string } = {}) {
    super(options.status ?? 502, options.code ?? 'transport_failed', message, options);
  }
}

/** The service is starting or shutting down (503, with `Retry-After`). */
export class UnavailableError extends AppError {
  constructor(message = 'Service is starting or shutting down', retryAfterSeconds = 5) {
    super(503, 'unavailable', message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
}

/** True when `value` is one of our errors. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
