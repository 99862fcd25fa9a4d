/**
 * Compose (SPEC §7.2, §7.3): the page, `POST /whatsapp/send` (one phone), `POST
 * /whatsapp/broadcast` (linked recipients, at most 5), `POST /whatsapp/test-message`.
 */
import Router from '@koa/router';
import type { AdminDeps } from '../../../admin/deps.ts';
import { BROADCAST_CAP } from '../../../admin/messaging.ts';
import { readInput, textField } from '../../../admin/request.ts';
import { done, formAware } from '../../../admin/respond.ts';
import { linkSummary } from '../../../admin/link-status.ts';

function filtersOf(input: Record<string, unknown>): {
  notificationsEnabled?: boolean;
  broker?: string;
} {
  const raw = input.filters;
  const filters = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const enabled = filters.notifications_enabled ?? input.notifications_only;
  return {
    ...(enabled === undefined
      ? {}
      : { notificationsEnabled: enabled === true || enabled === 'true' || enabled === 'on' }),
    ...(typeof filters.broker === 'string' && filters.broker ? { broker: filters.broker } : {}),
  };
}

/** Builds the router. */
export function composeRoutes(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/compose', async (ctx) => {
    deps.views.page(ctx, 'compose', 'Compose', {
      link: linkSummary(deps.transport),
      recipients: (await deps.recipients.list()).length,
      cap: BROADCAST_CAP,
      rate: deps.config.messageRateLimit.text,
    });
  });
  router.post(
    '/send',
    formAware('/whatsapp/compose', async (ctx) => {
      const input = readInput(ctx);
      const jid = await deps.messaging.send(ctx.ip, {
        phone: textField(input, 'phone'),
        message: typeof input.message === 'string' ? input.message : undefined,
        imagePath: textField(input, 'image_path') || undefined,
        documentPath: textField(input, 'document_path') || undefined,
      });
      done(ctx, { message: `Sent to ${jid}`, redirect: '/whatsapp/compose' });
    }),
  );
  router.post(
    '/broadcast',
    formAware('/whatsapp/compose', async (ctx) => {
      const input = readInput(ctx);
      const message = typeof input.message === 'string' ? input.message : undefined;
      const result = await deps.messaging.broadcast(ctx.ip, message, filtersOf(input));
      const failed = result.failed > 0 ? `, failed ${result.failed}` : '';
      done(ctx, {
        message: `Sent to ${result.sent} users${failed}, skipped ${result.skipped}`,
        data: {
          queued: result.sent,
          sent: result.sent,
          failed: result.failed,
          skipped: result.skipped,
        },
        extra: { queued: result.sent, skipped: result.skipped },
        redirect: '/whatsapp/compose',
      });
    }),
  );
  router.post(
    '/test-message',
    formAware('/whatsapp', async (ctx) => {
      const jid = await deps.messaging.test(ctx.ip);
      done(ctx, { message: `Test sent to ${jid}`, redirect: '/whatsapp' });
    }),
  );
  return router;
}
