/**
 * The "act" step of the notify API: send now or queue (SPEC §6), at most once per
 * `Idempotency-Key` scope.
 */
import type { Database } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { deliverNow, enqueueNotify } from './delivery.ts';
import type { IdempotencyState, IdempotencyStore } from './idempotency.ts';
import type { CheckedNotify } from './request.ts';
import { deliveryResponse, queuedResponse, type NotifyResponse } from './responses.ts';

/** The answer, and whether it is a stored one replayed for an Idempotency-Key. */
export interface NotifyResult extends NotifyResponse {
  replayed: boolean;
}

/** What acting needs. */
export interface ActDeps {
  db: Database;
  transport: WhatsAppTransport;
  logger: Logger;
  wakeOutbox?: (() => void) | undefined;
  sendTimeoutMs?: number | undefined;
  now?: (() => Date) | undefined;
}

/** Sends or queues a checked request. */
export type NotifyAct = (checked: CheckedNotify) => Promise<NotifyResponse>;

/** Builds the act step over the transport (send now) and the outbox (queue). */
export function createNotifyAct(deps: ActDeps): NotifyAct {
  return async function act(checked) {
    const { recipients, content, skipped } = checked;
    if (!checked.waitForDelivery) {
      const queued = await enqueueNotify(deps.db, recipients, content, deps.now?.());
      deps.wakeOutbox?.();
      return queuedResponse(queued);
    }
    const report = await deliverNow(recipients, content, skipped, {
      transport: deps.transport,
      logger: deps.logger,
      ...(deps.sendTimeoutMs ? { timeoutMs: deps.sendTimeoutMs } : {}),
    });
    return deliveryResponse(report);
  };
}

const IN_PROGRESS = 'Request with this Idempotency-Key is in progress';

/** A stored answer to replay, a 409 while the first request with the key still runs, or null. */
export function settled(state: IdempotencyState): NotifyResult | null {
  if (state.kind === 'replay') {
    const body = state.response.body as Record<string, unknown>;
    return { status: state.response.status, body, replayed: true };
  }
  if (state.kind === 'in_progress') {
    throw new AppError(409, 'idempotency_in_progress', IN_PROGRESS);
  }
  return null;
}

/**
 * Acts once per idempotency scope: claims it (the unique key decides between concurrent
 * requests), acts, and stores the answer; a failure frees the claim so a retry can run.
 */
export async function actOnce(
  store: IdempotencyStore,
  scope: string | null,
  act: () => Promise<NotifyResponse>,
): Promise<NotifyResult> {
  if (scope === null) return { ...(await act()), replayed: false };
  const earlier = settled(await store.claim(scope));
  if (earlier) return earlier;
  let response: NotifyResponse;
  try {
    response = await act();
  } catch (error) {
    await store.release(scope);
    throw error;
  }
  await store.complete(scope, response);
  return { ...response, replayed: false };
}
