/**
 * Admin sessions (SPEC §7.1): koa-session over the database store, cookie `HttpOnly`,
 * `SameSite=Lax`, `Secure` under https, 12 h idle expiry (rolling), id rotated at sign-in. Only
 * `/whatsapp` requests touch it, so webhook and notify traffic never reads the sessions table.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import createSession from 'koa-session';
import type { AdminSessionStore } from './session-store.ts';

/** Idle lifetime of a session (rolling). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** The session cookie's name. */
export const SESSION_COOKIE = 'oaw.sid';
/** Path prefix of everything the admin UI serves. */
export const ADMIN_PREFIX = '/whatsapp';

/** How a user signed in. */
export type SignInMethod = 'password' | 'sso' | 'setup';

/** A one-shot message shown on the next page (post → redirect → get). */
export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/** What we keep in a session. */
export interface AdminSessionData {
  user?: string;
  via?: SignInMethod;
  csrf?: string;
  flash?: Flash;
  signedInAt?: number;
}

/** koa-session's session object, as far as we use it. */
type SessionObject = AdminSessionData & { regenerate(): Promise<void> | undefined };

/** The request's session, or null when the session middleware did not run (non-admin paths). */
export function sessionOf(ctx: Context): SessionObject | null {
  const holder = ctx as unknown as { session?: SessionObject | false | null };
  return holder.session || null;
}

/** The signed-in admin's name, or null. */
export function currentUser(ctx: Context): string | null {
  return sessionOf(ctx)?.user ?? null;
}

/** True when `path` belongs to the admin UI. */
export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

/** Options of {@link adminSession}. */
export interface AdminSessionOptions {
  store: AdminSessionStore;
  /** `config.secureCookies`: the public URL is https (TLS ends in front of us). */
  secureCookies: boolean;
  idleMs?: number;
}

/**
 * The session middleware. koa-session needs the Koa app to extend its context, which does not
 * exist yet when the admin UI is built, so it is created on first use for each app.
 */
export function adminSession(options: AdminSessionOptions): Middleware {
  const perApp = new WeakMap<object, Middleware>();
  const settings = {
    key: SESSION_COOKIE,
    maxAge: options.idleMs ?? SESSION_IDLE_MS,
    rolling: true,
    httpOnly: true,
    signed: true,
    sameSite: 'lax',
    secure: options.secureCookies,
    store: {
      get: (sid: string) => options.store.get(sid),
      set: (sid: string, data: Record<string, unknown>, maxAge: number) =>
        options.store.set(sid, data, maxAge),
      destroy: (sid: string) => options.store.destroy(sid),
    },
  };
  return async function adminSessionMiddleware(ctx, next) {
    if (!isAdminPath(ctx.path)) {
      await next();
      return;
    }
    // PUBLIC_URL is https: TLS ends at a proxy in front of us, so the cookie may be Secure.
    if (options.secureCookies) (ctx.cookies as { secure: boolean }).secure = true;
    let middleware = perApp.get(ctx.app);
    if (!middleware) {
      middleware = createSession({ ...settings }, ctx.app) as Middleware;
      perApp.set(ctx.app, middleware);
    }
    await middleware(ctx, next);
  };
}

/**
 * Signs `user` in: a fresh session id (the old one is destroyed, so a fixed or stolen pre-login
 * id is worthless), a fresh CSRF token.
 */
export async function signIn(ctx: Context, user: string, via: SignInMethod): Promise<void> {
  const session = sessionOf(ctx);
  if (!session) throw new Error('admin session middleware is not installed');
  session.user = user;
  session.via = via;
  session.signedInAt = Date.now();
  session.csrf = newCsrfToken();
  await session.regenerate();
}

/** Ends the session (row deleted, cookie cleared). */
export function signOut(ctx: Context): void {
  (ctx as unknown as { session: null }).session = null;
}

/** A new random CSRF token. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Stores a message for the next page. */
export function setFlash(ctx: Context, flash: Flash): void {
  const session = sessionOf(ctx);
  if (session) session.flash = flash;
}

/** Takes (and clears) the pending message. */
export function takeFlash(ctx: Context): Flash | null {
  const session = sessionOf(ctx);
  const flash = session?.flash ?? null;
  if (session && flash) delete session.flash;
  return flash;
}
