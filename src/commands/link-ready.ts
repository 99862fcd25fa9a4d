/**
 * Replies wait for the link to be able to send. Messages typed while the sidecar was offline are
 * replayed by WhatsApp during login, before the link reports `open`; answering them at once would
 * fail, so the reply waits (bounded) for `open` or `degraded`.
 */
import type { LinkState, WhatsAppTransport } from '../whatsapp/transport.ts';

const SENDABLE: ReadonlySet<LinkState> = new Set(['open', 'degraded']);

/** Default bound on the wait: a reconnect normally opens in well under this. */
export const SEND_WAIT_MS = 15_000;

/** Resolves true once the link can send, or false after `timeoutMs`. */
export function waitUntilSendable(
  link: Pick<WhatsAppTransport, 'state' | 'onStateChange'>,
  timeoutMs: number = SEND_WAIT_MS,
): Promise<boolean> {
  if (SENDABLE.has(link.state())) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(SENDABLE.has(link.state()));
    }, timeoutMs);
    timer.unref();
    const off = link.onStateChange((change) => {
      if (!SENDABLE.has(change.state)) return;
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}
