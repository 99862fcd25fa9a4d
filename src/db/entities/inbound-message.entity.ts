import { defineEntity, p } from '@mikro-orm/core';

const InboundMessageSchema = defineEntity({
  name: 'InboundMessage',
  tableName: 'inbound_messages',
  properties: {
    messageId: p.text().primary(),
    chatJid: p.text().primary(),
    receivedAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
    processedAt: p.datetime().nullable(),
  },
});

/** A WhatsApp message id already seen, so a replayed upsert is not processed twice (7 days). */
export class InboundMessage extends InboundMessageSchema.class {}
InboundMessageSchema.setClass(InboundMessage);
export { InboundMessageSchema };
