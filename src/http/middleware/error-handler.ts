import type { Context, Middleware } from 'koa';
import { AppError, NotFoundError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

/** The JSON error envelope of SPEC §3: `{status:"error", message, code, …details}`. */
export interface ErrorEnvelope {
  status: 'error';
  message: string;
  code: string;
  [key: string]: unknown;
}

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
  type?: unknown;
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Turns anything thrown into an AppError. Errors from Koa or raw-body (`ctx.throw`, size limits)
 * keep their status; unknown errors become a 500 whose message is never shown.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const candidate = (error ?? {}) as HttpLikeError;
  const rawStatus = candidate.status ?? candidate.statusCode;
  const status =
    typeof rawStatus === 'number' && rawStatus >= 400 && rawStatus < 600 ? rawStatus : 500;
  if (status === 413)
    return new AppError(413, 'payload_too_large', 'Request body is too large', { cause: error });
  if (status < 500 && candidate.expose === true && typeof candidate.message === 'string') {
    return new AppError(status, CODES_BY_STATUS[status] ?? 'request_failed', candidate.message, {
      cause: error,
    });
  }
  return new AppError(
    status,
    status < 500 ? (CODES_BY_STATUS[status] ?? 'request_failed') : 'internal_error',
    status < 500 ? 'Request failed' : 'Internal server error',
    { cause: error },
  );
}

/** Builds the JSON body for an error; 5xx messages are replaced so nothing internal leaks. */
export function errorEnvelope(error: AppError, requestId?: string): ErrorEnvelope {
  const message = error.expose ? error.message : 'Internal server error';
  const envelope: ErrorEnvelope = {
    status: 'error',
    message,
    code: error.code,
    ...(error.details ?? {}),
  };
  if (!error.expose && requestId) envelope.request_id = requestId;
  return envelope;
}

/**
 * Renders an error as an HTML page when it wants to (returns true), e.g. for browser requests to
 * the admin pages; otherwise the JSON envelope is used.
 */
export type HtmlErrorRenderer = (ctx: Context, error: AppError) => boolean;

/**
 * Outermost error boundary: every error, and every unmatched route, becomes the JSON envelope with
 * its status. Stack traces go to the log (5xx only), never to the client.
 */
export function errorHandler(logger: Logger, renderHtml?: HtmlErrorRenderer): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError('Not found');
    } catch (thrown) {
      const error = toAppError(thrown);
      const requestId = ctx.state.requestId as string | undefined;
      if (error.status >= 500) {
        logger.error(
          { err: thrown, requestId, path: ctx.path, method: ctx.method },
          'request failed',
        );
      }
      ctx.status = error.status;
      for (const [name, value] of Object.entries(error.headers ?? {})) ctx.set(name, value);
      if (renderHtml?.(ctx, error)) return;
      ctx.body = errorEnvelope(error, requestId);
    }
  };
}
