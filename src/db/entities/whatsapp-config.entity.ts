import { defineEntity, p } from '@mikro-orm/core';

// The link states of SPEC §8.1 are defined once, by the WhatsApp port; this table stores them.
import { LINK_STATES, type LinkState } from '../../whatsapp/transport.ts';
export { LINK_STATES };
export type { LinkState };

/** Who the sidecar is linked as (SPEC §5.1): the owner's own number, or a separate bot number. */
export const LINK_MODES = ['self_chat', 'dedicated_number'] as const;
/** One of {@link LINK_MODES}. */
export type LinkMode = (typeof LINK_MODES)[number];

/** The primary key of the one and only `whatsapp_config` row (seeded by the initial migration). */
export const WHATSAPP_CONFIG_ID = 1;

const WhatsappConfigSchema = defineEntity({
  name: 'WhatsappConfig',
  tableName: 'whatsapp_config',
  properties: {
    id: p.integer().primary().autoincrement(false).default(WHATSAPP_CONFIG_ID),
    // OpenAlgo's columns, kept by name so its admin JSON shapes map one to one.
    ownJid: p.text().nullable(),
    ownPhone: p.text().nullable(),
    botUsername: p.text().nullable(),
    ownerUserId: p.integer().nullable(),
    ownerUsername: p.text().nullable(),
    isPaired: p.boolean().default(false),
    isActive: p.boolean().default(false),
    pairedAt: p.datetime().nullable(),
    maxMessageLength: p.integer().default(4096),
    rateLimitPerMinute: p.integer().default(30),
    broadcastEnabled: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    // Ours: the real link state (§8.1) and the owner identity set (§5.1).
    state: p.text().$type<LinkState>().default('unpaired'),
    stateSince: p.datetime().nullable(),
    ownLid: p.text().nullable(),
    knownLids: p.json<string[]>().columnType('text').default('[]'),
    mode: p.text().$type<LinkMode>().default('self_chat'),
    ownerPhones: p.json<string[]>().columnType('text').default('[]'),
    waVersion: p.text().nullable(),
    lastInboundAt: p.datetime().nullable(),
    lastOutboundAt: p.datetime().nullable(),
    /** Format version of the rows in `whatsapp_auth`; 0 while no session is stored. */
    sessionSchemaVersion: p.integer().default(0),
  },
  checks: [{ name: 'whatsapp_config_singleton', expression: 'id = 1' }],
});

/** The singleton link configuration and state (id {@link WHATSAPP_CONFIG_ID}). */
export class WhatsappConfig extends WhatsappConfigSchema.class {}
WhatsappConfigSchema.setClass(WhatsappConfig);
export { WhatsappConfigSchema };
