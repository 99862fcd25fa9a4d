/**
 * `/closeall` (SPEC §5.4): without a code it only previews (mode, open positions, a one-time
 * code); `/closeall <code>` within the code's lifetime squares off exactly once. Both forms are
 * position-changing, so the dispatcher refuses them when replayed more than 60 s late.
 */
import {
  isOpenPosition,
  presentClosePreview,
  presentCloseResult,
  presentCodeRefused,
  presentNothingToClose,
} from '../presenters/replies/index.ts';
import type { CommandContext, CommandResult } from './context.ts';
import { defineCommand } from './registry.ts';

/** The strategy name the host records for the close (the host requires one). */
export const CLOSE_STRATEGY = 'WhatsApp';

async function preview({ host, confirmations, now }: CommandContext): Promise<CommandResult> {
  const book = await host.positionbook();
  const open = book.data.filter(isOpenPosition);
  if (open.length === 0) return { reply: presentNothingToClose(book.mode) };
  const code = confirmations.issue(now);
  const seconds = Math.round(confirmations.validMs / 1000);
  return { reply: presentClosePreview(book.mode, open, code, seconds) };
}

async function execute(context: CommandContext, code: string): Promise<CommandResult> {
  // Consumed before the host call, synchronously: a second confirmation cannot slip in.
  const outcome = context.confirmations.confirm(code, context.now);
  if (outcome !== 'ok') return { reply: presentCodeRefused(outcome), outcome: 'refused' };
  return { reply: presentCloseResult(await context.host.closePosition(CLOSE_STRATEGY)) };
}

/** The close-all command. */
export const closeallCommand = defineCommand({
  name: 'closeall',
  description: 'square off all positions (asks for a code first)',
  usage: '/closeall',
  changesPositions: true,
  handler: (context) => {
    const [code] = context.args;
    return code === undefined ? preview(context) : execute(context, code);
  },
});
