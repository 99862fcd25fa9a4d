import Router from '@koa/router';
import type { Context } from 'koa';
import type { IngestEvent } from '../../alerts/ingest.ts';
import { ValidationError } from '../../errors.ts';
import { requireReady, type Lifecycle } from '../lifecycle.ts';
import { rawBodyOf } from '../middleware/body.ts';
import { verifyWebhook } from '../middleware/verify-webhook.ts';
import { validateOrderEvent, type OrderEvent } from '../schemas/order-event.ts';

/** The path the host posts order events to. */
export const WEBHOOK_PATH = '/webhooks/openalgo';

/** What the webhook route needs. */
export interface WebhookRouteDeps {
  lifecycle: Lifecycle;
  /** `WEBHOOK_SECRET`. */
  secret: string;
  /** Every secret accepted now (rotation grace period); defaults to `[secret]`. */
  secrets?: () => Promise<string[]>;
  ingest: IngestEvent;
  /** Counts a rejected request (`invalid_signature` or `invalid_body`). */
  onRejected?: (reason: 'invalid_signature' | 'invalid_body') => void;
}

/** Parses the verified raw bytes; the content type is not checked (the signature covers them). */
function parseBody(ctx: Context): unknown {
  try {
    return JSON.parse(rawBodyOf(ctx).toString('utf8')) as unknown;
  } catch {
    throw new ValidationError('Request body must be valid JSON', { code: 'invalid_json' });
  }
}

/** Parse → check: the typed event, or a 400 naming the first problem as `path: message`. */
function parseEvent(ctx: Context): OrderEvent {
  const result = validateOrderEvent(parseBody(ctx));
  if (!result.ok) throw new ValidationError(result.error, { code: 'invalid_order_event' });
  return result.event;
}

/**
 * `POST /webhooks/openalgo` (SPEC §4): 503 while starting or stopping → signature over the raw
 * bytes (401) → JSON and schema (400) → ledger + outbox in one transaction → `202
 * {"status":"accepted","id":"<webhook-id>"}`, the same for a repeated id. WhatsApp's state plays
 * no part: alerts are queued whatever it is.
 */
export function webhookRoutes(deps: WebhookRouteDeps): Router {
  const router = new Router();
  router.post(
    WEBHOOK_PATH,
    requireReady(deps.lifecycle),
    verifyWebhook({
      secret: deps.secret,
      ...(deps.secrets ? { secrets: deps.secrets } : {}),
      onRejected: () => deps.onRejected?.('invalid_signature'),
    }),
    async (ctx) => {
      const webhookId = ctx.state.webhookId as string;
      let event: OrderEvent;
      try {
        event = parseEvent(ctx);
      } catch (error) {
        deps.onRejected?.('invalid_body');
        throw error;
      }
      await deps.ingest(webhookId, event);
      ctx.status = 202;
      ctx.body = { status: 'accepted', id: webhookId };
    },
  );
  return router;
}
