/**
 * Linked recipients (SPEC §7.2, §7.3): the page, `GET /whatsapp/users`,
 * `POST /whatsapp/user/:jid/unlink` (OpenAlgo's), and ours to add, edit and re-key. A new API key
 * is shown once, in the response that created it.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AdminDeps } from '../../../admin/deps.ts';
import { isFormPost, readInput, textField } from '../../../admin/request.ts';
import type { RecipientInput } from '../../../admin/recipients.ts';
import { done, formAware } from '../../../admin/respond.ts';

function recipientInput(input: Record<string, unknown>): RecipientInput {
  const enabled = input.notifications_enabled;
  return {
    phone: textField(input, 'phone'),
    username: textField(input, 'username') ?? textField(input, 'openalgo_username'),
    displayName: textField(input, 'display_name'),
    notificationsEnabled:
      enabled === undefined
        ? undefined
        : enabled === true || enabled === 'true' || enabled === 'on',
  };
}

/** The `:jid` route parameter (the handlers are wrapped, so the router's typing is lost). */
function jidParam(ctx: Context): string {
  const params = (ctx as unknown as { params?: Record<string, string | undefined> }).params;
  return params?.jid ?? '';
}

async function page(
  deps: AdminDeps,
  ctx: Context,
  issued: { jid: string; apiKey: string } | null = null,
): Promise<void> {
  deps.views.page(ctx, 'recipients', 'Recipients', {
    recipients: await deps.recipients.list(),
    issued,
  });
}

/** Builds the router. */
export function recipientRoutes(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/whatsapp' });
  router.get('/recipients', (ctx) => page(deps, ctx));
  router.get('/users', async (ctx) => {
    const users = await deps.recipients.list();
    ctx.body = { status: 'success', data: users, count: users.length };
  });
  router.post(
    '/users',
    formAware('/whatsapp/recipients', async (ctx) => {
      const { recipient, apiKey } = await deps.recipients.add(recipientInput(readInput(ctx)));
      if (isFormPost(ctx)) return page(deps, ctx, { jid: recipient.whatsapp_jid, apiKey });
      ctx.body = {
        status: 'success',
        message: 'Recipient added. Copy the API key now: it is not shown again.',
        data: { ...recipient, api_key: apiKey },
      };
    }),
  );
  router.post(
    '/user/:jid',
    formAware('/whatsapp/recipients', async (ctx) => {
      const input = readInput(ctx);
      const updated = await deps.recipients.update(jidParam(ctx), recipientInput(input));
      done(ctx, { message: 'Recipient updated', data: updated, redirect: '/whatsapp/recipients' });
    }),
  );
  router.post(
    '/user/:jid/key',
    formAware('/whatsapp/recipients', async (ctx) => {
      const jid = jidParam(ctx);
      const apiKey = await deps.recipients.rotateKey(jid);
      if (isFormPost(ctx)) return page(deps, ctx, { jid, apiKey });
      ctx.body = {
        status: 'success',
        message: 'New API key issued. Copy it now: it is not shown again.',
        data: { api_key: apiKey },
      };
    }),
  );
  router.post(
    '/user/:jid/unlink',
    formAware('/whatsapp/recipients', async (ctx) => {
      await deps.recipients.unlink(jidParam(ctx));
      done(ctx, { message: 'User unlinked', redirect: '/whatsapp/recipients' });
    }),
  );
  return router;
}
