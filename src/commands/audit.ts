/**
 * The command audit log (SPEC §5.4): one `whatsapp_command_logs` row per known command, with the
 * arguments redacted here (not by callers) so no path can store a secret.
 */
import { CommandLog, type Database } from '../db/index.ts';
import type { CommandOutcome } from './context.ts';
import { redactArgs } from './redact.ts';

/** One row to write. */
export interface AuditEntry {
  senderJid: string;
  command: string;
  /** Raw arguments; redacted before storing. */
  args: readonly string[];
  outcome: CommandOutcome;
  durationMs: number;
  errorRef: string | null;
  executedAt: Date;
}

/** Writes audit rows. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** Creates the audit log over the database. */
export function createAuditLog(db: Database): AuditLog {
  return {
    async record(entry) {
      const em = db.em();
      em.create(CommandLog, {
        whatsappJid: entry.senderJid,
        command: entry.command,
        parameters: { args: redactArgs(entry.args) },
        outcome: entry.outcome,
        durationMs: Math.round(entry.durationMs),
        errorRef: entry.errorRef,
        executedAt: entry.executedAt,
      });
      await em.flush();
    },
  };
}
