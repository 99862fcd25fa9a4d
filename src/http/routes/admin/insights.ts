/**
 * Activity and stats (SPEC §7.2, §7.3): the activity page (three logs, filtered and paged), the
 * stats page (SVG charts) and `GET /whatsapp/stats?days=N`, which answers JSON unless a browser
 * asks for HTML first.
 */
import Router from '@koa/router';
import { parseActivityQuery, readActivity } from '../../../admin/activity.ts';
import { barChart, latencyChart } from '../../../admin/charts.ts';
import type { AdminDeps } from '../../../admin/deps.ts';
import { clampDays, readStats, statsJson } from '../../../admin/stats.ts';

/** Builds the router. */
export function insightRoutes(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/activity', async (ctx) => {
    const page = await readActivity(deps.db, parseActivityQuery(ctx.query));
    deps.views.page(ctx, 'activity', 'Activity', { page });
  });
  router.get('/stats', async (ctx) => {
    const days = clampDays(ctx.query.days);
    const stats = await readStats(deps.db, days);
    ctx.vary('Accept');
    if (ctx.accepts('json', 'html') !== 'html') {
      ctx.body = { status: 'success', data: statsJson(stats) };
      return;
    }
    deps.views.page(ctx, 'stats', 'Stats', {
      stats,
      charts: {
        commands: barChart(`Commands by name, last ${days} days`, stats.byCommand),
        topics: barChart(`Alerts by topic, last ${days} days`, stats.byTopic),
        latency: latencyChart(stats.latency),
      },
    });
  });
  return router;
}
