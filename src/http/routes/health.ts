import Router from '@koa/router';
import type { Context } from 'koa';
import { AuthError } from '../../errors.ts';
import { safeEqual } from '../../crypto/compare.ts';
import type { Metrics } from '../../metrics.ts';

/** What the health routes need from the app. */
export interface HealthDeps {
  metrics: Metrics;
  manifest: Record<string, unknown>;
  metricsToken: string | null;
  /** True when the database answers a trivial query. */
  databaseReady: () => Promise<boolean>;
  /** The WhatsApp link state (SPEC §8.1), reported by /readyz. */
  whatsappState: () => string;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/**
 * `/metrics` is open only to loopback callers unless METRICS_TOKEN is set, in which case the bearer
 * token is required from everyone (SPEC §3).
 */
function authorizeMetrics(ctx: Context, token: string | null): void {
  if (token) {
    const given = /^Bearer (.+)$/.exec(ctx.get('Authorization'))?.[1] ?? '';
    if (!safeEqual(given, token)) throw new AuthError('A valid metrics token is required');
    return;
  }
  if (!isLoopback(ctx.ip))
    throw new AuthError('Metrics are served to loopback only', { status: 403, code: 'forbidden' });
}

/** Routes: /healthz, /readyz, /metrics, /plugin.manifest.json. */
export function healthRoutes(deps: HealthDeps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const databaseOk = await deps.databaseReady().catch(() => false);
    ctx.status = databaseOk ? 200 : 503;
    ctx.body = {
      status: databaseOk ? 'ok' : 'error',
      ...(databaseOk ? {} : { message: 'Database is not answering', code: 'not_ready' }),
      database: databaseOk ? 'ok' : 'down',
      whatsapp: deps.whatsappState(),
    };
  });
  router.get('/metrics', async (ctx) => {
    authorizeMetrics(ctx, deps.metricsToken);
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
  router.get('/plugin.manifest.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = deps.manifest;
  });
  return router;
}
