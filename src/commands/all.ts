/** Every command, in the order `/help` lists them. */
import { alertsCommand } from './alerts.ts';
import { fundsCommand } from './funds.ts';
import { holdingsCommand } from './holdings.ts';
import { muteCommand } from './mute.ts';
import { orderbookCommand } from './orderbook.ts';
import { pnlCommand } from './pnl.ts';
import { positionsCommand } from './positions.ts';
import { tradebookCommand } from './tradebook.ts';
import { unmuteCommand } from './unmute.ts';
import { closeallCommand } from './closeall.ts';
import { helpCommand } from './help.ts';
import { modeCommand } from './mode.ts';
import { quoteCommand } from './quote.ts';
import type { CommandDefinition } from './registry.ts';
import { statusCommand } from './status.ts';

/** The built-in commands (SPEC §5.2). */
export const ALL_COMMANDS: readonly CommandDefinition[] = [
  helpCommand,
  statusCommand,
  orderbookCommand,
  tradebookCommand,
  positionsCommand,
  holdingsCommand,
  fundsCommand,
  pnlCommand,
  quoteCommand,
  closeallCommand,
  modeCommand,
  muteCommand,
  unmuteCommand,
  alertsCommand,
];
