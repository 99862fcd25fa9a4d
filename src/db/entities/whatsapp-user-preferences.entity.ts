import { defineEntity, p } from '@mikro-orm/core';

/** The `whatsapp_jid` key under which the owner's own preferences are stored. */
export const OWNER_PREFERENCES_KEY = 'owner';

const WhatsappUserPreferencesSchema = defineEntity({
  name: 'WhatsappUserPreferences',
  tableName: 'whatsapp_user_preferences',
  properties: {
    /** A recipient's JID, or {@link OWNER_PREFERENCES_KEY} for the owner. */
    whatsappJid: p.text().primary(),
    orderNotifications: p.boolean().default(true),
    /** `order.update` (fills and rejections) is off by default (SPEC §4.2). */
    tradeNotifications: p.boolean().default(false),
    pnlNotifications: p.boolean().default(true),
    dailySummary: p.boolean().default(true),
    summaryTime: p.text().default('18:00'),
    language: p.text().default('en'),
    timezone: p.text().default('Asia/Kolkata'),
    /** Quiet hours as 'HH:MM' in `timezone`; both null when there are none. */
    quietHoursStart: p.text().nullable(),
    quietHoursEnd: p.text().nullable(),
    /** Set by `/mute`; alerts are held until then. */
    mutedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

/** Per-recipient (and owner) alert preferences (SPEC §4.4, §5.2). */
export class WhatsappUserPreferences extends WhatsappUserPreferencesSchema.class {}
WhatsappUserPreferencesSchema.setClass(WhatsappUserPreferences);
export { WhatsappUserPreferencesSchema };
