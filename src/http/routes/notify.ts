/**
 * Routes of the notify API (SPEC §6): `POST /api/v1/whatsapp/notify` and its OpenAPI document.
 * The handler reads the HTTP request (parse), hands it to the notify service (check, act) and
 * writes the answer (present). This router owns its own authentication; the notify API key opens
 * nothing else.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { isAppError, type AppError } from '../../errors.ts';
import type { NotifyCall, NotifyService } from '../../notify/service.ts';
import { NOTIFY_PATH, OPENAPI_PATH } from '../../notify/openapi.ts';
import { parseJsonBody } from '../middleware/body.ts';

/** What the notify routes need. */
export interface NotifyRouteDeps {
  service: NotifyService;
  /** The OpenAPI document to serve. */
  openApi: Record<string, unknown>;
}

/**
 * Parses the body without throwing: a body that is not JSON is reported, and raised by the
 * service only after authentication (the key may be in the header or query).
 */
function readBody(ctx: Context): { body: unknown; bodyError: AppError | null } {
  try {
    return { body: parseJsonBody(ctx), bodyError: null };
  } catch (error) {
    if (isAppError(error)) return { body: undefined, bodyError: error };
    throw error;
  }
}

/** The parts of the request the service reads. */
function readCall(ctx: Context): NotifyCall {
  return {
    ...readBody(ctx),
    ip: ctx.ip,
    header: ctx.get('X-API-KEY') || undefined,
    query: ctx.query.apikey,
    idempotencyKey: ctx.get('Idempotency-Key') || undefined,
  };
}

/** Builds the router for the notify endpoint and `GET /api/v1/whatsapp/openapi.json`. */
export function notifyRoutes(deps: NotifyRouteDeps): Router {
  const router = new Router();
  router.post(NOTIFY_PATH, async (ctx) => {
    const result = await deps.service.handle(readCall(ctx));
    ctx.set('Cache-Control', 'no-store');
    if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.status = result.status;
    ctx.body = result.body;
  });
  router.get(OPENAPI_PATH, (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = deps.openApi;
  });
  return router;
}
