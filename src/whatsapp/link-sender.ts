import { generateMessageIDV2, type WASocket } from '@whiskeysockets/baileys';
import { NotPairedError, TransportError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { maskJid } from '../logger.ts';
import type { ChatPacer } from './chat-pacer.ts';
import type { LinkMetrics } from './link-metrics.ts';
import type { MessageStore } from './message-store.ts';
import { toBaileysContent } from './outgoing.ts';
import type { OutgoingContent, OwnerIdentity, Recipient, SendReceipt } from './transport.ts';

/** What the sender needs from the link at the moment of sending. */
export interface SenderContext {
  socket(): WASocket | null;
  isOpen(): boolean;
  identity(): OwnerIdentity | null;
}

/** Sends through the current socket; ids are recorded before sending (echo guard). */
export interface LinkSender {
  send(to: Recipient, content: OutgoingContent): Promise<SendReceipt>;
  /** Ids sent in this process, checked synchronously before the database. */
  recentlySent(id: string): boolean;
}

/** Per socket: whether it closed, and how to fail each send still in flight on it. */
interface CloseWatch {
  closed: boolean;
  inFlight: Set<(error: Error) => void>;
}

const watchBySocket = new WeakMap<WASocket, CloseWatch>();

/**
 * One `connection.update` listener per socket (not per send, which piled up listeners under load).
 * Baileys' `end()` drops its pending queries without rejecting them, so a send caught by a
 * disconnect would otherwise wait out the 60 s query timeout and hold every alert queued behind it.
 */
function closeWatch(socket: WASocket): CloseWatch {
  let watch = watchBySocket.get(socket);
  if (!watch) {
    const created: CloseWatch = { closed: false, inFlight: new Set() };
    const onUpdate = (update: { connection?: string }) => {
      if (update.connection !== 'close') return;
      socket.ev.off('connection.update', onUpdate);
      created.closed = true;
      for (const fail of created.inFlight) fail(new NotPairedError());
      created.inFlight.clear();
    };
    socket.ev.on('connection.update', onUpdate);
    watchBySocket.set(socket, created);
    watch = created;
  }
  return watch;
}

/**
 * Settles with `work`, or rejects with NotPairedError as soon as the socket closes. Not a
 * `Promise.race` against one long-lived "closed" promise: every race leaves a reaction on that
 * promise holding its result (the sent WebMessageInfo) until the socket closes, which grew the
 * heap by every message sent on a healthy connection. The set only holds sends in flight.
 */
export function untilSocketCloses<T>(socket: WASocket, work: Promise<T>): Promise<T> {
  const watch = closeWatch(socket);
  if (watch.closed) {
    work.catch(() => undefined);
    return Promise.reject(new NotPairedError());
  }
  return new Promise<T>((resolve, reject) => {
    watch.inFlight.add(reject);
    work.then(resolve, reject).finally(() => watch.inFlight.delete(reject));
  });
}

/** How many sends on `socket` are waiting for WhatsApp (tests: the watch must not keep settled ones). */
export function sendsInFlight(socket: WASocket): number {
  return watchBySocket.get(socket)?.inFlight.size ?? 0;
}

/** Baileys' "Connection Closed" (428) and friends: the link went away, not a refusal. */
function isConnectionGone(error: unknown): boolean {
  const status = (error as { output?: { statusCode?: unknown } } | null)?.output?.statusCode;
  return status === 428 || status === 408 || status === 440;
}

function resolveJid(to: Recipient, identity: OwnerIdentity | null): string {
  if (to.kind === 'jid') return to.jid;
  if (!identity?.pnJid) throw new NotPairedError();
  return identity.pnJid;
}

/**
 * Creates the sender. Each message gets its id from us *before* it is sent and the id is stored
 * first, so the echo Baileys emits for our own messages can never be mistaken for the owner typing.
 * Sends are paced per chat (20/min) by waiting, never by dropping.
 */
export function createLinkSender(
  context: SenderContext,
  store: MessageStore,
  pacer: ChatPacer,
  metrics: LinkMetrics,
  logger: Logger,
): LinkSender {
  const recent = new Set<string>();
  const remember = (id: string) => {
    recent.add(id);
    // Bounded: the database answers for anything older.
    if (recent.size > 2_000) recent.delete(recent.values().next().value!);
  };

  async function sendOne(
    jid: string,
    content: Parameters<WASocket['sendMessage']>[1],
  ): Promise<string> {
    const socket = context.socket();
    if (!socket || !context.isOpen()) throw new NotPairedError();
    const messageId = generateMessageIDV2(socket.user?.id);
    remember(messageId);
    await store.recordSent(messageId, jid, null);
    const sent = await untilSocketCloses(socket, socket.sendMessage(jid, content, { messageId }));
    if (sent?.message) await store.recordSent(messageId, jid, sent.message);
    return messageId;
  }

  return {
    recentlySent: (id) => recent.has(id),
    async send(to, content) {
      const jid = resolveJid(to, context.identity());
      if (!context.isOpen()) {
        metrics.sent('not_open');
        throw new NotPairedError();
      }
      await pacer.acquire(jid);
      const started = process.hrtime.bigint();
      try {
        const ids = [await sendOne(jid, toBaileysContent(content))];
        if (content.type === 'document' && content.followUpText) {
          await pacer.acquire(jid);
          ids.push(await sendOne(jid, { text: content.followUpText }));
        }
        metrics.sent('sent', Number(process.hrtime.bigint() - started) / 1e9);
        return { messageId: ids[0]!, messageIds: ids, jid, sentAt: new Date() };
      } catch (error) {
        // A send cut off by a disconnect is "not connected", so the outbox does not spend an attempt.
        if (error instanceof NotPairedError || isConnectionGone(error) || !context.isOpen()) {
          metrics.sent('not_open');
          throw new NotPairedError();
        }
        metrics.sent('failed');
        logger.warn({ err: error, to: maskJid(jid), type: content.type }, 'send failed');
        throw new TransportError('WhatsApp did not accept the message', { cause: error });
      }
    },
  };
}
