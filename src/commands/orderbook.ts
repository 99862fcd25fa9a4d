/** `/orderbook`: today's orders with status. */
import { presentOrderbook } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The orderbook command. */
export const orderbookCommand = defineCommand({
  name: 'orderbook',
  description: "today's orders with status",
  handler: async ({ host }) => ({ reply: presentOrderbook(await host.orderbook()) }),
});
