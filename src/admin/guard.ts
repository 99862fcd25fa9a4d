/**
 * The one gate in front of every admin route (SPEC §7.1, §10): a path under `/whatsapp` needs a
 * signed-in admin session unless it is on the short public list, and every POST needs the
 * session's CSRF token. Centralised so a new route cannot forget either check. API keys (notify)
 * and webhook signatures open nothing here: only the session cookie counts.
 */
import type { Context, Middleware } from 'koa';
import { AppError } from '../errors.ts';
import { safeEqual } from '../crypto/index.ts';
import { isFormPost, readForm, wantsJson } from './request.ts';
import { currentUser, isAdminPath, newCsrfToken, sessionOf } from './session.ts';

/** The exact 401 message of OpenAlgo's session check. */
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please log in again.';
/** Said when a POST lacks a valid CSRF token. */
export const CSRF_MESSAGE =
  'This form has expired or its security token is missing. Reload the page and try again.';

/** Reachable without a session: signing in, first-run setup, the token for scripts, assets. */
const PUBLIC_PATHS = new Set([
  '/whatsapp/login',
  '/whatsapp/setup',
  '/whatsapp/sso',
  '/whatsapp/csrf-token',
]);

function isPublic(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith('/whatsapp/static/');
}

/** The session's CSRF token, created on first use. */
export function csrfTokenFor(ctx: Context): string {
  const session = sessionOf(ctx);
  if (!session) throw new Error('admin session middleware is not installed');
  session.csrf ??= newCsrfToken();
  return session.csrf;
}

/** The token the client sent: `X-CSRF-Token`, OpenAlgo's `X-CSRFToken`, or the form's `_csrf`. */
function sentToken(ctx: Context): string {
  const header = ctx.get('X-CSRF-Token') || ctx.get('X-CSRFToken');
  if (header) return header;
  return isFormPost(ctx) ? (readForm(ctx)._csrf ?? '') : '';
}

function csrfValid(ctx: Context): boolean {
  const expected = sessionOf(ctx)?.csrf;
  const sent = sentToken(ctx);
  return Boolean(expected) && sent.length > 0 && safeEqual(sent, expected ?? '');
}

/** 401 for scripts, a redirect to the login page (coming back here after) for browsers. */
function refuseAnonymous(ctx: Context): void {
  if (wantsJson(ctx)) {
    throw new AppError(401, 'session_expired', SESSION_EXPIRED_MESSAGE, {
      details: { error: 'session_expired' },
    });
  }
  const next = ctx.method === 'GET' ? ctx.originalUrl : '/whatsapp';
  ctx.redirect(`/whatsapp/login?next=${encodeURIComponent(next)}`);
}

/** Builds the gate; mount it after the session middleware. */
export function adminGuard(): Middleware {
  return async function adminGuardMiddleware(ctx, next) {
    if (!isAdminPath(ctx.path)) {
      await next();
      return;
    }
    if (!isPublic(ctx.path) && currentUser(ctx) === null) {
      refuseAnonymous(ctx);
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && !csrfValid(ctx)) {
      throw new AppError(403, 'csrf_invalid', CSRF_MESSAGE);
    }
    ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
