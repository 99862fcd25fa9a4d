/** `/tradebook`: today's trades. */
import { presentTradebook } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The tradebook command. */
export const tradebookCommand = defineCommand({
  name: 'tradebook',
  description: "today's trades",
  handler: async ({ host }) => ({ reply: presentTradebook(await host.tradebook()) }),
});
