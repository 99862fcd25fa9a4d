/** `/help`, `/start`, `/menu`: the command list, generated from the registry. */
import { presentHelp } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The help command. */
export const helpCommand = defineCommand({
  name: 'help',
  aliases: ['start', 'menu'],
  description: 'this list',
  handler: (context) => Promise.resolve({ reply: presentHelp(context.helpEntries()) }),
});
