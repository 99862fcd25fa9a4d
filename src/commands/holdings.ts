/** `/holdings`: holdings with totals. */
import { presentHoldings } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The holdings command. */
export const holdingsCommand = defineCommand({
  name: 'holdings',
  description: 'holdings with totals',
  handler: async ({ host }) => ({ reply: presentHoldings(await host.holdings()) }),
});
