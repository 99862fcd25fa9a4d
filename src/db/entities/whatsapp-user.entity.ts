import { defineEntity, p } from '@mikro-orm/core';

const WhatsappUserSchema = defineEntity({
  name: 'WhatsappUser',
  tableName: 'whatsapp_users',
  properties: {
    id: p.integer().primary(),
    whatsappJid: p.text().unique(),
    phoneNumber: p.text().index(),
    openalgoUsername: p.text().index(),
    /** Fernet token of the recipient's host API key (§9); null when none is stored. */
    encryptedApiKey: p.text().nullable(),
    hostUrl: p.text().nullable(),
    displayName: p.text().nullable(),
    broker: p.text().default('default'),
    isActive: p.boolean().default(true),
    notificationsEnabled: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    lastCommandAt: p.datetime().nullable(),
    /** Hash of the recipient's host API key, looked up by the notify API (§6). */
    apiKeyHash: p.text().nullable().index(),
  },
});

/** A linked recipient: a host user whose alerts go to this WhatsApp JID (§4.4). */
export class WhatsappUser extends WhatsappUserSchema.class {}
WhatsappUserSchema.setClass(WhatsappUser);
export { WhatsappUserSchema };
