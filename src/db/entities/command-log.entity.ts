import { defineEntity, p } from '@mikro-orm/core';

const CommandLogSchema = defineEntity({
  name: 'CommandLog',
  tableName: 'whatsapp_command_logs',
  properties: {
    id: p.integer().primary(),
    /** The sender's JID. */
    whatsappJid: p.text().index(),
    command: p.text(),
    /** The arguments, with secret values already replaced by `<redacted>` (SPEC §5.4). */
    parameters: p.json<unknown>().columnType('text').nullable(),
    /** How the command ended (e.g. `ok`, `host_error`, `error`, `refused`). */
    outcome: p.text(),
    durationMs: p.integer().nullable(),
    /** The reference id shown to the owner for unexpected failures. */
    errorRef: p.text().nullable(),
    executedAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});

/** One audit-log row per known command (SPEC §5.4). */
export class CommandLog extends CommandLogSchema.class {}
CommandLogSchema.setClass(CommandLog);
export { CommandLogSchema };
