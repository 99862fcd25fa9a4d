/** `/pnl`: today's realised, unrealised and total P&L (from funds, like OpenAlgo's Telegram bot). */
import { presentPnl } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The pnl command. */
export const pnlCommand = defineCommand({
  name: 'pnl',
  description: "today's realised and unrealised P&L",
  handler: async ({ host }) => ({ reply: presentPnl(await host.funds()) }),
});
