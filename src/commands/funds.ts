/** `/funds`: cash, margin used, M2M. */
import { presentFunds } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The funds command. */
export const fundsCommand = defineCommand({
  name: 'funds',
  description: 'cash, margin used, M2M',
  handler: async ({ host }) => ({ reply: presentFunds(await host.funds()) }),
});
