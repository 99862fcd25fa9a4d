import { proto } from '@whiskeysockets/baileys';
import type { SecretBox } from '../crypto/index.ts';
import {
  InboundMessage as InboundMessageRow,
  SentMessage,
  UniqueConstraintViolationException,
  type Database,
} from '../db/index.ts';

/** How long sent ids (echo guard, retries) and inbound ids (dedupe) are kept: SPEC §9, 7 days. */
export const MESSAGE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Persistence for message ids: what we sent (echo guard, `getMessage`) and what we processed. */
export interface MessageStore {
  /** Records a message we sent, with its content sealed for Baileys' retry requests. */
  recordSent(
    messageId: string,
    chatJid: string,
    message: proto.IMessage | null | undefined,
  ): Promise<void>;
  /** True when we sent `messageId` (so its echo as `fromMe` must not be handled). */
  isSent(messageId: string): Promise<boolean>;
  /** The content of a message we sent, for Baileys' `getMessage` (resending on retry receipts). */
  sentContent(messageId: string): Promise<proto.IMessage | undefined>;
  /**
   * Claims an inbound message for processing; false when it was claimed before (a replay, or the
   * same message in its other addressing form). The claim is durable, so a restart does not reprocess.
   */
  claimInbound(messageId: string, canonicalChatJid: string): Promise<boolean>;
  /** Deletes ids older than the retention window; returns how many rows went. */
  prune(now?: Date): Promise<number>;
}

/** Creates the store over the database; message content is sealed with `box`. */
export function createMessageStore(db: Database, box: SecretBox): MessageStore {
  return {
    async recordSent(messageId, chatJid, message) {
      const content = message
        ? box.seal(Buffer.from(proto.Message.encode(message).finish()))
        : null;
      const em = db.em();
      await em.upsert(SentMessage, { messageId, chatJid, content, createdAt: new Date() });
    },
    async isSent(messageId) {
      return (await db.em().count(SentMessage, { messageId })) > 0;
    },
    async sentContent(messageId) {
      const row = await db.em().findOne(SentMessage, { messageId });
      if (!row?.content) return undefined;
      return proto.Message.decode(box.open(row.content));
    },
    async claimInbound(messageId, canonicalChatJid) {
      try {
        const em = db.em();
        em.create(InboundMessageRow, {
          messageId,
          chatJid: canonicalChatJid,
          receivedAt: new Date(),
        });
        await em.flush();
        return true;
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) return false;
        throw error;
      }
    },
    async prune(now = new Date()) {
      const cutoff = new Date(now.getTime() - MESSAGE_RETENTION_MS);
      const em = db.em();
      const sent = await em.nativeDelete(SentMessage, { createdAt: { $lt: cutoff } });
      const inbound = await em.nativeDelete(InboundMessageRow, { receivedAt: { $lt: cutoff } });
      return sent + inbound;
    },
  };
}
