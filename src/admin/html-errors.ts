/**
 * Error pages for browsers on admin paths: the shared error handler asks this first, and JSON
 * clients (by OpenAlgo's AJAX rule) still get the JSON envelope.
 */
import type { Context } from 'koa';
import type { AppError } from '../errors.ts';
import type { HtmlErrorRenderer } from '../http/middleware/error-handler.ts';
import { wantsJson } from './request.ts';
import { isAdminPath } from './session.ts';
import type { Views } from './views.ts';

const TITLES: Record<number, string> = {
  401: 'Sign-in failed',
  403: 'Not allowed',
  404: 'Page not found',
  410: 'Link expired',
  429: 'Too many attempts',
};

/** Builds the renderer. */
export function createHtmlErrorRenderer(views: Views): HtmlErrorRenderer {
  return (ctx: Context, error: AppError) => {
    if (!isAdminPath(ctx.path) || wantsJson(ctx) || ctx.accepts('html', 'json') !== 'html')
      return false;
    const message = error.expose
      ? error.message
      : 'Something went wrong on our side. It has been logged.';
    const title =
      TITLES[error.status] ?? (error.status >= 500 ? 'Server error' : 'Request refused');
    try {
      views.page(ctx, 'error', title, {
        status: error.status,
        message,
        requestId: error.expose ? null : ((ctx.state.requestId as string | undefined) ?? null),
      });
      ctx.status = error.status;
      return true;
    } catch {
      return false;
    }
  };
}
