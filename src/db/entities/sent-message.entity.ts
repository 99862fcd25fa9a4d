import { defineEntity, p } from '@mikro-orm/core';

const SentMessageSchema = defineEntity({
  name: 'SentMessage',
  tableName: 'sent_messages',
  properties: {
    messageId: p.text().primary(),
    chatJid: p.text(),
    /** Fernet token of the message proto, for Baileys' `getMessage` retries; null when not kept. */
    content: p.text().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});

/** A message we sent: serves `getMessage` and the echo guard (7 days). */
export class SentMessage extends SentMessageSchema.class {}
SentMessageSchema.setClass(SentMessage);
export { SentMessageSchema };
