/**
 * Owner slash-commands (SPEC §5). The app needs only `createCommandService`; the rest is exported
 * for tests and for commands defined elsewhere.
 */
export { createCommandService } from './service.ts';
export type { CommandService, CommandServiceOptions } from './service.ts';
export { ALL_COMMANDS } from './all.ts';
export { createRegistry, defineCommand, editDistance } from './registry.ts';
export type { CommandDefinition, CommandRegistry, CommandSpec } from './registry.ts';
export type {
  CommandContext,
  CommandHandler,
  CommandOutcome,
  CommandResult,
  CommandSettings,
} from './context.ts';
export { redactArgs, REDACTED } from './redact.ts';
