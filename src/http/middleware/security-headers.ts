import type { Middleware } from 'koa';

/**
 * Baseline headers for every response. JSON and health routes get a CSP that allows nothing; the
 * admin pages (SPEC §7.1) replace it with their nonce-based policy.
 */
export function securityHeaders(): Middleware {
  return async function securityHeadersMiddleware(ctx, next) {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    await next();
  };
}
