import type { Middleware } from 'koa';
import { Webhook } from 'standardwebhooks';
import { AuthError, ValidationError } from '../../errors.ts';
import { rawBodyOf } from './body.ts';

/** The one answer to every signature problem; nothing about the failure is echoed (SPEC §4.3). */
export const INVALID_SIGNATURE_MESSAGE = 'Invalid webhook signature';

/** Longest `webhook-id` kept in the ledger (Standard Webhooks ids are short, e.g. `msg_…`). */
export const MAX_WEBHOOK_ID_LENGTH = 256;

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** `whsec_<base64>` shared with the host. */
  secret: string;
  /**
   * Every secret accepted right now (after a rotation: the new one and, for a grace period, the
   * previous one). Defaults to `[secret]`.
   */
  secrets?: () => Promise<string[]>;
  /** Called once per rejected request (metrics). */
  onRejected?: () => void;
}

/**
 * Verifies a Standard Webhooks signature over the raw body bytes before anything parses them:
 * `webhook-id`, `webhook-timestamp` (±300 s, the package's tolerance) and `webhook-signature`,
 * whose space-separated `v1,…` entries are each tried (secret rotation: any match passes). A bad,
 * missing or stale signature is a 401 `invalid_signature`. On success the id is stored in
 * `ctx.state.webhookId`.
 */
export function verifyWebhook(options: VerifyWebhookOptions): Middleware {
  // One verifier per secret, kept across requests (building one decodes the key).
  const verifiers = new Map<string, Webhook>([[options.secret, new Webhook(options.secret)]]);
  const verifierFor = (secret: string) => {
    let verifier = verifiers.get(secret);
    if (!verifier) verifiers.set(secret, (verifier = new Webhook(secret)));
    return verifier;
  };
  const currentSecrets = options.secrets ?? (() => Promise.resolve([options.secret]));
  return async function verifyWebhookMiddleware(ctx, next) {
    const headers = {
      'webhook-id': ctx.get('webhook-id'),
      'webhook-timestamp': ctx.get('webhook-timestamp'),
      'webhook-signature': ctx.get('webhook-signature'),
    };
    const raw = rawBodyOf(ctx);
    const verified = (await currentSecrets()).some((secret) => {
      try {
        // jsonParse off: the body is parsed (and its errors reported) by the route, once verified.
        verifierFor(secret).verify(raw, headers, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) {
      options.onRejected?.();
      throw new AuthError(INVALID_SIGNATURE_MESSAGE, { code: 'invalid_signature' });
    }
    const id = headers['webhook-id'];
    if (id.length > MAX_WEBHOOK_ID_LENGTH || !/^[\x21-\x7e]+$/.test(id)) {
      throw new ValidationError('webhook-id: must be at most 256 printable characters', {
        code: 'invalid_webhook_id',
      });
    }
    ctx.state.webhookId = id;
    await next();
  };
}
