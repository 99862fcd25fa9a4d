/** `/positions`: open positions and total P&L. */
import { presentPositions } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The positions command. */
export const positionsCommand = defineCommand({
  name: 'positions',
  description: 'open positions and total P&L',
  handler: async ({ host }) => ({ reply: presentPositions(await host.positionbook()) }),
});
