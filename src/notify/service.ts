/**
 * The notify use case (SPEC §6), independent of Koa. Order of checks:
 * 1. per-IP rate limit (every request, so key guessing is throttled too);
 * 2. API key (401), then the per-key rate limit;
 * 3. a body that was not JSON (415/400) — after authentication, because the key may come from the
 *    header or query even when the body is unreadable;
 * 4. an `Idempotency-Key` already answered → that answer, nothing sent;
 * 5. the payload (400/404);
 * 6. the link (409);
 * 7. claim the idempotency key, send or queue, store the answer.
 */
import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { WhatsappUser } from '../db/index.ts';
import { AppError, NotPairedError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { authenticateNotifyKey, pickApiKey, type ApiKeySources } from './api-keys.ts';
import { actOnce, createNotifyAct, settled, type NotifyResult } from './act.ts';
import { createIdempotencyStore, parseIdempotencyKey } from './idempotency.ts';
import { createNotifyRateLimiter } from './rate-limit.ts';
import type { UsernameLookup } from './recipients.ts';
import { checkNotifyPayload } from './request.ts';

export type { NotifyResult } from './act.ts';

/** What the notify service is built from. */
export interface NotifyServiceDeps {
  db: Database;
  transport: WhatsAppTransport;
  settings: Pick<OwnerSettings, 'matchesOwnerApiKey' | 'hashRecipientApiKey'>;
  config: Pick<Config, 'attachmentRoots' | 'notifyRateLimit'>;
  logger: Logger;
  /** Registers `oaw_notify_requests_total{status}` when given. */
  registry?: Registry;
  /** Called after queued rows are committed, so the outbox drains them at once. */
  wakeOutbox?: () => void;
  /** Per-recipient send timeout for `wait_for_delivery: true` (default 30 s). */
  sendTimeoutMs?: number;
  now?: () => Date;
}

/** One HTTP call, already read by the route. */
export interface NotifyCall extends Omit<ApiKeySources, 'body'> {
  ip: string;
  /** The parsed JSON body, or undefined when it could not be parsed. */
  body: unknown;
  /** Why the body could not be parsed (415/400); raised after authentication. */
  bodyError: AppError | null;
  idempotencyKey: string | undefined;
}

/** The notify use case. */
export interface NotifyService {
  handle(call: NotifyCall): Promise<NotifyResult>;
}

/** `oaw_notify_requests_total{status}` on the registry, when there is one. */
function requestCounter(registry: Registry | undefined): Counter | null {
  if (!registry) return null;
  return new Counter({
    name: 'oaw_notify_requests_total',
    help: 'Notify API requests by HTTP status',
    labelNames: ['status'],
    registers: [registry],
  });
}

/** Finds an active linked recipient's JID by host username. */
function usernameLookup(db: Database): UsernameLookup {
  return async (username) => {
    const row = await db.em().findOne(WhatsappUser, { openalgoUsername: username, isActive: true });
    return row?.whatsappJid ?? null;
  };
}

/** Creates the service; all state (rate budgets) lives in the returned object. */
export function createNotifyHandler(deps: NotifyServiceDeps): NotifyService {
  const logger = deps.logger.child({ module: 'notify' });
  const limiter = createNotifyRateLimiter(deps.config.notifyRateLimit);
  const store = createIdempotencyStore(deps.db, deps.now);
  const requests = requestCounter(deps.registry);
  const act = createNotifyAct({ ...deps, logger });
  const payloadDeps = {
    attachmentRoots: deps.config.attachmentRoots,
    lookupUsername: usernameLookup(deps.db),
    logger,
  };

  async function run(call: NotifyCall): Promise<NotifyResult> {
    await limiter.consumeIp(call.ip);
    const principal = await authenticateNotifyKey(pickApiKey(call), deps);
    await limiter.consumeKey(principal.keyHash);
    if (call.bodyError) throw call.bodyError;
    const key = parseIdempotencyKey(call.idempotencyKey);
    const scope = key === null ? null : `notify:${principal.keyHash}:${key}`;
    if (scope !== null) await store.pruneIfDue();
    const earlier = scope === null ? null : settled(await store.find(scope));
    if (earlier) return earlier;
    const checked = await checkNotifyPayload(call.body, payloadDeps);
    const state = deps.transport.state();
    if (state !== 'open' && state !== 'degraded') throw new NotPairedError();
    return actOnce(store, scope, () => act(checked));
  }

  return {
    async handle(call) {
      try {
        const result = await run(call);
        requests?.inc({ status: String(result.status) });
        return result;
      } catch (error) {
        requests?.inc({ status: String(error instanceof AppError ? error.status : 500) });
        throw error;
      }
    },
  };
}
