/** What a command handler is given and what it returns. */
import type { HostClient } from '../host/client.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { InboundMessage, WhatsAppTransport } from '../whatsapp/transport.ts';
import type { ConfirmationStore } from './confirmations.ts';
import type { HelpEntry } from '../presenters/replies/index.ts';

/** How a command ended, as stored in the audit log. */
export type CommandOutcome = 'ok' | 'usage' | 'refused' | 'stale' | 'host_error' | 'error';

/** The settings a command may read or change. */
export type CommandSettings = Pick<
  OwnerSettings,
  | 'getOwnerUsername'
  | 'getMode'
  | 'getHostServer'
  | 'getOwnerApiKey'
  | 'getOwnerPreferences'
  | 'updateOwnerPreferences'
>;

/** The link as commands see it (state and identity only: sending is the dispatcher's job). */
export type LinkView = Pick<WhatsAppTransport, 'state' | 'stateSince' | 'identity'>;

/** Everything a handler needs; built fresh for each command. */
export interface CommandContext {
  /** Arguments after the name, case preserved. */
  args: readonly string[];
  message: InboundMessage;
  /** The dispatcher's clock reading for this command. */
  now: Date;
  /** The host client for this command (owner key, configured host, 5 s timeout). */
  host: HostClient;
  settings: CommandSettings;
  link: LinkView;
  confirmations: ConfirmationStore;
  /** Help lines for every registered command, in registry order. */
  helpEntries: () => HelpEntry[];
}

/** A handler's answer: the reply text and, when it is not `ok`, the outcome to audit. */
export interface CommandResult {
  reply: string;
  outcome?: CommandOutcome;
}

/** A command handler: parse → check → act → present. Host failures are thrown as HostApiError. */
export type CommandHandler = (context: CommandContext) => Promise<CommandResult>;
