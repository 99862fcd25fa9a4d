/**
 * The two delivery modes of the notify API (SPEC §6): send now and report per recipient, or write
 * one outbox row per recipient for the background drainer.
 */
import { randomUUID } from 'node:crypto';
import { OutboxMessage, type Database } from '../db/index.ts';
import { isAppError, TransportError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { maskJid } from '../logger.ts';
import type { OutgoingContent, Recipient, WhatsAppTransport } from '../whatsapp/transport.ts';
import { contentToOutboxFields, recipientToOutbox } from './content.ts';

/** How long one recipient's send may take before it is reported as failed (OpenAlgo's 30 s). */
export const SEND_TIMEOUT_MS = 30_000;

/** One failed recipient in the delivery report. */
export interface FailedRecipient {
  to: string;
  error: string;
}

/** The `data` of a `wait_for_delivery: true` answer. */
export interface DeliveryReport {
  sent: string[];
  failed: FailedRecipient[];
  skipped: number;
}

/** What {@link deliverNow} needs. */
export interface DeliverNowOptions {
  transport: WhatsAppTransport;
  logger: Logger;
  timeoutMs?: number;
}

/** Shown for a failed self-send when the owner's JID is not known yet. */
const SELF_LABEL = 'self';

/** The JID shown for a recipient that failed (the owner's own JID for self). */
function shownJid(recipient: Recipient, transport: WhatsAppTransport): string {
  if (recipient.kind === 'jid') return recipient.jid;
  return transport.identity()?.pnJid ?? SELF_LABEL;
}

/** A send that took longer than the timeout (it may still complete later). */
class SendTimeoutError extends Error {
  constructor() {
    super('send timeout');
  }
}

/** Rejects after `ms`; the timer never holds the process open. */
function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError()), ms);
    timer.unref();
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * A client-safe error text: the transport's own errors are worded for people (e.g. "WhatsApp did
 * not accept the message") and shown, as OpenAlgo shows the exception text; anything else is not.
 */
function errorText(error: unknown): string {
  if (error instanceof TransportError || (isAppError(error) && error.expose)) return error.message;
  if (error instanceof SendTimeoutError) return error.message;
  return 'send failed';
}

/** Sends one recipient's message; resolves with its JID or a failure entry, never rejects. */
async function sendOne(
  recipient: Recipient,
  content: OutgoingContent,
  options: DeliverNowOptions,
): Promise<{ jid: string } | FailedRecipient> {
  const limit = timeout(options.timeoutMs ?? SEND_TIMEOUT_MS);
  try {
    const receipt = await Promise.race([options.transport.send(recipient, content), limit.promise]);
    return { jid: receipt.jid };
  } catch (error) {
    const to = shownJid(recipient, options.transport);
    options.logger.warn({ to: maskJid(to), err: errorText(error) }, 'notify send failed');
    return { to, error: errorText(error) };
  } finally {
    limit.cancel();
  }
}

/**
 * Sends to every recipient at once (the transport paces each chat) and reports who got it.
 * A timed-out send is reported as failed but not cancelled, as in OpenAlgo: it may still go out.
 */
export async function deliverNow(
  recipients: readonly Recipient[],
  content: OutgoingContent,
  skipped: number,
  options: DeliverNowOptions,
): Promise<DeliveryReport> {
  const outcomes = await Promise.all(recipients.map((r) => sendOne(r, content, options)));
  const report: DeliveryReport = { sent: [], failed: [], skipped };
  for (const outcome of outcomes) {
    if ('jid' in outcome) report.sent.push(outcome.jid);
    else report.failed.push(outcome);
  }
  return report;
}

/**
 * Writes one `queued` outbox row per recipient in a single transaction, due now. Each row gets its
 * own idempotency key; replays of a whole request are stopped earlier by the Idempotency-Key store.
 */
export async function enqueueNotify(
  db: Database,
  recipients: readonly Recipient[],
  content: OutgoingContent,
  now: Date = new Date(),
): Promise<number> {
  const requestId = randomUUID();
  const fields = contentToOutboxFields(content);
  await db.transactional(async (em) => {
    recipients.forEach((recipient, index) => {
      em.create(OutboxMessage, {
        idempotencyKey: `notify:${requestId}:${index}`,
        recipientJid: recipientToOutbox(recipient),
        kind: 'notify',
        status: 'queued',
        nextAttemptAt: now,
        createdAt: now,
        ...fields,
      });
    });
    await Promise.resolve();
  });
  return recipients.length;
}
