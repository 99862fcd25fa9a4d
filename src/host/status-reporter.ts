import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../logger.ts';
import type { LinkState, StateChange } from '../whatsapp/transport.ts';
import { postJson } from './http.ts';

/** Where the host listens for the sidecar's status (SPEC §8.1). */
export const STATUS_CALLBACK_PATH = '/api/v1/plugins/whatsapp/status';

/** States that need the owner's attention, reported as soon as they are entered. */
const REPORTED_AT_ONCE: readonly LinkState[] = ['logged_out', 'replaced', 'forbidden'];

/** Options for {@link createStatusReporter}. */
export interface StatusReporterOptions {
  getHostServer(): Promise<string>;
  /** Signs callbacks the way the host signs its events to us (Standard Webhooks). */
  webhookSecret: string;
  logger: Logger;
  /** How long `degraded` must last before it is reported; default 5 minutes. */
  degradedReportAfterMs?: number;
  timeoutMs?: number;
}

/** Reports link trouble to the host. */
export interface StatusReporter {
  /** Feed every state change here (`transport.onStateChange`). Never throws. */
  handle(change: StateChange): void;
  /** Cancels a pending "long degraded" report. */
  close(): void;
}

/**
 * Tells the host when the link needs someone: into `logged_out`, `replaced` or `forbidden` at
 * once, and `degraded` once it has lasted `degradedReportAfterMs` (a short blip is not news). The
 * callback is signed with Standard Webhooks under WEBHOOK_SECRET. A host that answers 404 does not
 * support callbacks: the reporter then stays quiet until the next restart. The admin page always
 * shows the state either way.
 */
export function createStatusReporter(options: StatusReporterOptions): StatusReporter {
  const logger = options.logger.child({ module: 'host-status' });
  const webhook = new Webhook(options.webhookSecret);
  let unsupported = false;
  let degradedTimer: NodeJS.Timeout | null = null;

  async function report(change: StateChange): Promise<void> {
    if (unsupported) return;
    const url = new URL(STATUS_CALLBACK_PATH, `${await options.getHostServer()}/`);
    const payload = JSON.stringify({
      type: 'whatsapp.status',
      timestamp: new Date().toISOString(),
      data: {
        state: change.state,
        previous: change.previous,
        since: change.at.toISOString(),
        reason: change.reason ?? null,
        status_code: change.statusCode ?? null,
      },
    });
    const id = `msg_${randomUUID()}`;
    const sentAt = new Date();
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': webhook.sign(id, sentAt, payload),
    };
    const answer = await postJson(url, payload, options.timeoutMs ?? 5_000, headers);
    if (answer.status === 404) {
      unsupported = true;
      logger.info('the host does not accept status callbacks; not sending more');
    } else if (answer.status >= 300) {
      logger.warn({ status: answer.status, state: change.state }, 'status callback refused');
    }
  }

  const send = (change: StateChange) =>
    void report(change).catch((error: unknown) =>
      logger.warn({ err: error, state: change.state }, 'status callback failed'),
    );

  return {
    handle(change) {
      if (degradedTimer && change.state !== 'degraded') {
        clearTimeout(degradedTimer);
        degradedTimer = null;
      }
      if (REPORTED_AT_ONCE.includes(change.state)) send(change);
      if (change.state === 'degraded' && !degradedTimer) {
        degradedTimer = setTimeout(
          () => {
            degradedTimer = null;
            send(change);
          },
          options.degradedReportAfterMs ?? 5 * 60_000,
        );
        degradedTimer.unref();
      }
    },
    close() {
      if (degradedTimer) clearTimeout(degradedTimer);
      degradedTimer = null;
    },
  };
}
