/**
 * The dashboard (SPEC §7.2) and the link controls behind its buttons, with OpenAlgo's JSON paths
 * and messages (SPEC §7.3): `/whatsapp/bot/start|stop|status`, `/whatsapp/unlink`.
 */
import Router from '@koa/router';
import { readDashboard } from '../../../admin/dashboard.ts';
import type { AdminDeps } from '../../../admin/deps.ts';
import { isPaired, jidDigits, linkSummary } from '../../../admin/link-status.ts';
import { done, formAware } from '../../../admin/respond.ts';
import { ValidationError } from '../../../errors.ts';

/** Builds the router. */
export function dashboardRoutes(deps: AdminDeps): Router {
  const { transport } = deps;
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/', async (ctx) => {
    const view = await readDashboard(deps.db, deps.settings, transport);
    deps.views.page(ctx, 'dashboard', 'WhatsApp Bot', { view, pairing: deps.pairing.snapshot() });
  });
  router.get('/bot/status', (ctx) => {
    const summary = linkSummary(transport);
    const ownJid = transport.identity()?.pnJid ?? null;
    ctx.body = {
      status: 'success',
      data: {
        ...summary,
        is_active: summary.is_running,
        own_jid: ownJid,
        own_phone: jidDigits(ownJid),
        bot_username: null,
        wa_version: transport.waVersion(),
      },
    };
  });
  router.post(
    '/bot/start',
    formAware('/whatsapp', async (ctx) => {
      const state = transport.state();
      if (state === 'open')
        return done(ctx, { message: 'Bot already running', redirect: '/whatsapp' });
      if (!isPaired(state, transport.identity())) {
        throw new ValidationError('Device not paired. Pair from /whatsapp first.');
      }
      // Degraded means connected but deaf: a fresh socket is the cure, so reconnect for real.
      if (state === 'degraded') await transport.stop();
      await transport.start();
      done(ctx, {
        message: state === 'degraded' ? 'Bot restarted' : 'Bot started',
        redirect: '/whatsapp',
      });
    }),
  );
  router.post(
    '/bot/stop',
    formAware('/whatsapp', async (ctx) => {
      const state = transport.state();
      if (state === 'stopped' || state === 'unpaired') {
        return done(ctx, { message: 'Bot is not running', redirect: '/whatsapp' });
      }
      await transport.stop();
      done(ctx, { message: 'Bot stopped', redirect: '/whatsapp' });
    }),
  );
  router.post(
    '/unlink',
    formAware('/whatsapp', async (ctx) => {
      await transport.unlink();
      deps.pairing.reset();
      deps.logger.info({ module: 'admin' }, 'device unlinked from the admin UI');
      done(ctx, { message: 'Device unlinked', redirect: '/whatsapp' });
    }),
  );
  return router;
}
