/**
 * Answers for admin POST routes, which serve both the pages (forms: post → redirect → get with a
 * flash message, so they work without JavaScript) and JSON clients (OpenAlgo's envelope).
 */
import type { Context, Middleware } from 'koa';
import { isAppError } from '../errors.ts';
import { backPath, isFormPost, readForm } from './request.ts';
import { setFlash } from './session.ts';

/** What a successful action says. */
export interface Done {
  message: string;
  data?: unknown;
  /** Extra top-level JSON fields (OpenAlgo puts some counts there). */
  extra?: Record<string, unknown>;
  /** Where a form goes next (a form's `_back` field wins when it is an admin path). */
  redirect: string;
}

/** Answers a successful action. */
export function done(ctx: Context, result: Done): void {
  if (isFormPost(ctx)) {
    setFlash(ctx, { kind: 'ok', text: result.message });
    ctx.redirect(backPath(readForm(ctx), result.redirect));
    return;
  }
  ctx.body = {
    status: 'success',
    message: result.message,
    ...(result.data === undefined ? {} : { data: result.data }),
    ...result.extra,
  };
}

/**
 * Wraps a POST handler so that, for a form, a client error (4xx) comes back as a flash message
 * on the page the form was on, instead of an error page; JSON clients get the envelope as usual.
 */
export function formAware(fallback: string, handler: Middleware): Middleware {
  return async function formAwareMiddleware(ctx, next) {
    try {
      await handler(ctx, next);
    } catch (error) {
      if (!isFormPost(ctx) || !isAppError(error) || error.status >= 500 || error.status === 401)
        throw error;
      setFlash(ctx, { kind: 'error', text: error.message });
      ctx.redirect(backPath(readForm(ctx), fallback));
    }
  };
}
