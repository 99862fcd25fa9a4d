import Koa, { type Middleware } from 'koa';
import type Router from '@koa/router';
import type { Logger } from '../logger.ts';
import { errorHandler, type HtmlErrorRenderer } from './middleware/error-handler.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { readBody } from './middleware/body.ts';

/** What the Koa app is built from. */
export interface HttpAppDeps {
  logger: Logger;
  /** Routers mounted in order; each owns its own auth and validation. */
  routers: Router[];
  /** Trust X-Forwarded-* (only when behind the host's reverse proxy). */
  proxy?: boolean;
  /** Middleware run after the body reader and before the routers (e.g. admin sessions). */
  middleware?: Middleware[];
  /** Cookie signing keys (`app.keys`), needed by koa-session. */
  cookieKeys?: string[];
  /** Renders errors as an HTML page for browser requests it claims (the admin pages). */
  renderHtmlError?: HtmlErrorRenderer;
}

/**
 * Builds the Koa app with the middleware order every route relies on: request id, security
 * headers and the error boundary first (so even body-size failures get the JSON envelope), then
 * the body reader, then the routers.
 */
export function createHttpApp(deps: HttpAppDeps): Koa {
  const app = new Koa({ proxy: deps.proxy ?? false });
  // Koa's default handler prints stack traces to stderr; ours logs through pino instead.
  app.silent = true;
  if (deps.cookieKeys) app.keys = deps.cookieKeys;
  app.use(requestId());
  app.use(securityHeaders());
  app.use(errorHandler(deps.logger, deps.renderHtmlError));
  app.use(readBody());
  for (const middleware of deps.middleware ?? []) app.use(middleware);
  for (const router of deps.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
}
