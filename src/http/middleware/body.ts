import type { Middleware, Context } from 'koa';
import getRawBody from 'raw-body';
import { AppError, ValidationError } from '../../errors.ts';

/** SPEC §3: bodies over 1 MiB get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the raw request body (up to `limit` bytes) into `ctx.state.rawBody` for methods that carry
 * one. The raw bytes are kept because webhook signatures are computed over them, not over JSON.
 */
export function readBody(limit = MAX_BODY_BYTES): Middleware {
  return async function readBodyMiddleware(ctx, next) {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method)) {
      try {
        ctx.state.rawBody = await getRawBody(ctx.req, {
          limit,
          length: ctx.get('Content-Length') || undefined,
        });
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 413)
          throw new AppError(413, 'payload_too_large', 'Request body is too large', {
            cause: error,
          });
        throw new ValidationError('Request body could not be read', { cause: error });
      }
    }
    await next();
  };
}

/** The raw body read by {@link readBody}, or an empty buffer. */
export function rawBodyOf(ctx: Context): Buffer {
  const body = ctx.state.rawBody as Buffer | undefined;
  return body ?? Buffer.alloc(0);
}

/**
 * Parses the raw body as JSON. Non-JSON content types get 415, malformed JSON 400; the parsed value
 * is returned as `unknown` for a schema to check (never trusted as a type).
 */
export function parseJsonBody(ctx: Context, options: { allowEmpty?: boolean } = {}): unknown {
  const raw = rawBodyOf(ctx);
  if (raw.length === 0 && options.allowEmpty) return {};
  if (!ctx.is('application/json', '+json')) {
    throw new AppError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new ValidationError('Request body must be valid JSON', { code: 'invalid_json' });
  }
}
