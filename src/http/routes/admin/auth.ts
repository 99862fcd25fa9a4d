/**
 * Signing in and out of the admin UI (SPEC §7.1): the login form and its JSON twin, the CSRF
 * token for scripts, the one-time setup page, host SSO, logout, and the two static assets.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AdminDeps } from '../../../admin/deps.ts';
import { csrfTokenFor } from '../../../admin/guard.ts';
import { isFormPost, readInput, textField, wantsJson } from '../../../admin/request.ts';
import { currentUser, signIn, signOut } from '../../../admin/session.ts';
import { AuthError, isAppError, ValidationError } from '../../../errors.ts';

/** Said for any wrong username or password (never which one). */
export const LOGIN_FAILED_MESSAGE = 'Invalid username or password';

/** Where to go after signing in: a `/whatsapp` path from `next`, else the dashboard. */
function nextPath(value: unknown): string {
  return typeof value === 'string' &&
    /^\/whatsapp(?:[/?][^\s\\]*)?$/.test(value) &&
    !value.startsWith('//')
    ? value
    : '/whatsapp';
}

async function loginPage(
  deps: AdminDeps,
  ctx: Context,
  error: string | null,
  username = '',
): Promise<void> {
  deps.views.page(ctx, 'login', 'Sign in', {
    error,
    username,
    next: nextPath(ctx.query.next),
    hasAdmin: await deps.accounts.exists(),
  });
}

async function handleLogin(deps: AdminDeps, ctx: Context): Promise<void> {
  const input = readInput(ctx);
  const username = textField(input, 'username') ?? '';
  const password = typeof input.password === 'string' ? input.password : '';
  const subject = { ip: ctx.ip, username };
  try {
    if (!username || !password) throw new ValidationError('Enter your username and password');
    await deps.loginLimiter.check(subject);
    const user = await deps.accounts.verify(username, password);
    if (!user) {
      await deps.loginLimiter.recordFailure(subject);
      throw new AuthError(LOGIN_FAILED_MESSAGE, { code: 'invalid_credentials' });
    }
    await deps.loginLimiter.recordSuccess(subject);
    await signIn(ctx, user, 'password');
  } catch (error) {
    if (!isFormPost(ctx) || !isAppError(error) || error.status >= 500) throw error;
    ctx.status = error.status;
    for (const [name, value] of Object.entries(error.headers ?? {})) ctx.set(name, value);
    await loginPage(deps, ctx, error.message, username);
    return;
  }
  if (isFormPost(ctx)) {
    ctx.redirect(nextPath(input.next));
    return;
  }
  ctx.body = {
    status: 'success',
    message: 'Signed in',
    data: { username: currentUser(ctx), csrf_token: csrfTokenFor(ctx) },
  };
}

async function setupPage(
  deps: AdminDeps,
  ctx: Context,
  token: string,
  error: string | null,
): Promise<void> {
  const valid = !(await deps.accounts.exists()) && (await deps.setupTokens.isValid(token));
  if (!valid) ctx.status = 410;
  deps.views.page(ctx, 'setup', 'Set up the admin account', { token, valid, error });
}

async function handleSetup(deps: AdminDeps, ctx: Context): Promise<void> {
  const input = readInput(ctx);
  const token = textField(input, 'token') ?? '';
  const username = textField(input, 'username') ?? '';
  const password = typeof input.password === 'string' ? input.password : '';
  if ((await deps.accounts.exists()) || !(await deps.setupTokens.isValid(token))) {
    throw new AuthError(
      'This setup link has expired or was already used. Run npm run admin -- set-password <username> instead.',
      { status: 410, code: 'setup_expired' },
    );
  }
  try {
    if (password !== input.confirm && isFormPost(ctx))
      throw new ValidationError('The two passwords differ');
    await deps.accounts.setPassword(username, password);
  } catch (error) {
    if (!isFormPost(ctx) || !isAppError(error) || error.status >= 500) throw error;
    ctx.status = 400;
    await setupPage(deps, ctx, token, error.message);
    return;
  }
  await deps.setupTokens.revoke();
  await signIn(ctx, username, 'setup');
  deps.logger.info({ module: 'admin' }, 'admin account created through the setup link');
  if (isFormPost(ctx)) ctx.redirect('/whatsapp');
  else ctx.body = { status: 'success', message: 'Admin account created' };
}

async function handleSso(deps: AdminDeps, ctx: Context): Promise<void> {
  const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
  const user = await deps.sso(token);
  await signIn(ctx, user, 'sso');
  deps.logger.info({ module: 'admin' }, 'admin signed in through host SSO');
  if (wantsJson(ctx))
    ctx.body = { status: 'success', message: 'Signed in', data: { username: user } };
  else ctx.redirect('/whatsapp');
}

/** Builds the router. */
export function authRoutes(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/login', async (ctx) => {
    if (currentUser(ctx)) return ctx.redirect(nextPath(ctx.query.next));
    await loginPage(deps, ctx, null);
  });
  router.post('/login', (ctx) => handleLogin(deps, ctx));
  router.get('/csrf-token', (ctx) => {
    ctx.body = { csrf_token: csrfTokenFor(ctx) };
  });
  router.get('/setup', (ctx) =>
    setupPage(deps, ctx, typeof ctx.query.token === 'string' ? ctx.query.token : '', null),
  );
  router.post('/setup', (ctx) => handleSetup(deps, ctx));
  router.get('/sso', (ctx) => handleSso(deps, ctx));
  router.post('/logout', (ctx) => {
    signOut(ctx);
    if (wantsJson(ctx)) ctx.body = { status: 'success', message: 'Signed out' };
    else ctx.redirect('/whatsapp/login');
  });
  router.get('/static/:name', (ctx) => {
    const asset = deps.assets.get(ctx.params.name ?? '');
    if (!asset) return;
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.type = asset.type;
    ctx.body = asset.body;
  });
  return router;
}
