/**
 * Security headers of the admin pages (SPEC §7.1): a Content-Security-Policy with a fresh nonce per
 * request (the only scripts that run are ours, tagged with it), framing allowed only by our own
 * public origin and the host's (so the host UI can embed the pages), and the baseline no-sniff
 * and referrer headers set for every response.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { isAdminPath } from './session.ts';

/** The origin of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The policy for one nonce. */
export function adminPolicy(nonce: string, frameOrigins: readonly string[]): string {
  const ancestors = frameOrigins.length > 0 ? frameOrigins.join(' ') : "'none'";
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** The request's CSP nonce (set by {@link adminCsp}). */
export function nonceOf(ctx: Context): string {
  return (ctx.state.cspNonce as string | undefined) ?? '';
}

/** Options of {@link adminCsp}. */
export interface AdminCspOptions {
  publicUrl: string;
  /** The host's base URL now (it may be changed in settings). */
  hostServer: () => Promise<string>;
}

/** Builds the header middleware for `/whatsapp` responses. */
export function adminCsp(options: AdminCspOptions): Middleware {
  return async function adminCspMiddleware(ctx, next) {
    if (!isAdminPath(ctx.path)) {
      await next();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    ctx.state.cspNonce = nonce;
    const origins = [originOf(options.publicUrl), originOf(await options.hostServer())];
    const unique = [...new Set(origins.filter((origin): origin is string => origin !== null))];
    ctx.set('Content-Security-Policy', adminPolicy(nonce, unique));
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    await next();
  };
}
