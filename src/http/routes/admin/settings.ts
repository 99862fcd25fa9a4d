/**
 * Settings (SPEC §7.2, §7.3): the settings page, `GET|POST /whatsapp/config` (OpenAlgo's fields
 * plus every one of ours, so all settings are scriptable), and webhook secret rotation (the new
 * secret is shown once, in the response to the rotation itself).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { configJson } from '../../../admin/config-view.ts';
import type { AdminDeps } from '../../../admin/deps.ts';
import { isFormPost, readInput } from '../../../admin/request.ts';
import { done, formAware } from '../../../admin/respond.ts';
import { parseSettings } from '../../../admin/settings-form.ts';

function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

async function settingsPage(
  deps: AdminDeps,
  ctx: Context,
  revealed: string | null = null,
): Promise<void> {
  const config = await configJson(deps);
  const current = await deps.secrets.current();
  deps.views.page(ctx, 'settings', 'Settings', {
    config,
    webhook: {
      hint: secretHint(current),
      revealed,
      rotatedAt: await deps.secrets.rotatedAt(),
      blocked: deps.secrets.rotationBlocked(),
      url: `${deps.config.publicUrl}/webhooks/openalgo`,
    },
    attachmentRoots: deps.config.attachmentRoots,
    rootsFromEnv: deps.config.fromEnv.has('WHATSAPP_ATTACHMENT_ROOTS'),
    notifyRate: deps.config.notifyRateLimit.text,
    messageRate: deps.config.messageRateLimit.text,
  });
}

/** Builds the router. */
export function settingsRoutes(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/settings', (ctx) => settingsPage(deps, ctx));
  router.get('/config', async (ctx) => {
    ctx.body = {
      status: 'success',
      data: { config: await configJson(deps), pair_state: deps.pairing.snapshot().state },
    };
  });
  router.post(
    '/config',
    formAware('/whatsapp/settings', async (ctx) => {
      const patch = parseSettings(readInput(ctx));
      await deps.applySettings(patch);
      deps.logger.info({ module: 'admin', fields: Object.keys(patch) }, 'settings updated');
      done(ctx, { message: 'Configuration updated', redirect: '/whatsapp/settings' });
    }),
  );
  router.post(
    '/webhook-secret/rotate',
    formAware('/whatsapp/settings', async (ctx) => {
      const secret = await deps.secrets.rotate();
      deps.logger.warn(
        { module: 'admin' },
        'webhook secret rotated; the previous one is accepted for 24 h',
      );
      if (isFormPost(ctx)) return settingsPage(deps, ctx, secret);
      done(ctx, {
        message:
          'Webhook secret rotated. Give the new secret to the host now: it is not shown again.',
        data: { webhook_secret: secret },
        redirect: '/whatsapp/settings',
      });
    }),
  );
  return router;
}
