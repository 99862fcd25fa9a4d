import type { WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from '../logger.ts';
import { canonicalChatJid, normalizeInbound } from './inbound.ts';
import type { MessageStore } from './message-store.ts';
import type { InboundHandler, InboundMessage, OwnerIdentity } from './transport.ts';

/** What the inbound pipeline needs from the link. */
export interface InboundContext {
  identity(): OwnerIdentity | null;
  recentlySent(id: string): boolean;
  handler(): InboundHandler | null;
  /** Told of every text message accepted (for "last inbound" on the dashboard). */
  touched(): void;
}

/**
 * Processes one `messages.upsert` batch (both `notify` and `append`): normalise, drop our own sent
 * messages (echo guard), drop anything processed before (durable dedupe, so replays after a
 * reconnect or restart are not handled twice), then hand text messages to the subscriber one at a
 * time. A failing subscriber is logged and never breaks the link.
 */
export function createInboundPipeline(
  context: InboundContext,
  store: MessageStore,
  logger: Logger,
) {
  async function accept(message: InboundMessage): Promise<boolean> {
    if (message.fromMe && (context.recentlySent(message.id) || (await store.isSent(message.id)))) {
      return false;
    }
    return store.claimInbound(message.id, canonicalChatJid(message));
  }

  return async function handleUpsert(
    messages: WAMessage[],
    type: 'notify' | 'append',
  ): Promise<void> {
    for (const raw of messages) {
      try {
        const message = normalizeInbound(raw, type, context.identity()?.pnJid ?? null);
        if (!message || message.text === null) continue;
        const handler = context.handler();
        // Never claim a message nobody handles: the claim is what stops it being handled later.
        if (!handler) {
          logger.warn(
            { id: message.id },
            'inbound message arrived before a subscriber; not handled',
          );
          continue;
        }
        if (!(await accept(message))) continue;
        context.touched();
        await handler(message);
      } catch (error) {
        logger.error({ err: error, id: raw.key?.id }, 'inbound message handling failed');
      }
    }
  };
}
