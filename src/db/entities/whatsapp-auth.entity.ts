import { defineEntity, p } from '@mikro-orm/core';

/**
 * Baileys session storage (SPEC §8.4): the creds under (`creds`, `creds`) and every signal key
 * under (key type, key id). `value` is always a Fernet token, never plaintext (§9).
 */
const WhatsappAuthSchema = defineEntity({
  name: 'WhatsappAuth',
  tableName: 'whatsapp_auth',
  properties: {
    type: p.text().primary(),
    keyId: p.text().primary(),
    value: p.text(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

/** One encrypted Baileys creds/key entry. */
export class WhatsappAuth extends WhatsappAuthSchema.class {}
WhatsappAuthSchema.setClass(WhatsappAuth);
export { WhatsappAuthSchema };
