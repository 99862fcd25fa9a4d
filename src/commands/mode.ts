/** `/mode`: live or analyze, from the host's analyzer endpoint (not a local flag). */
import { presentMode } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The mode command. */
export const modeCommand = defineCommand({
  name: 'mode',
  description: 'live or analyze (sandbox) mode',
  handler: async ({ host }) => ({ reply: presentMode(await host.analyzerStatus()) }),
});
