/** `/alerts`: shows the owner's alert preferences (they are changed on the settings page). */
import { presentPreferences } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The alerts command. */
export const alertsCommand = defineCommand({
  name: 'alerts',
  description: 'which alerts you get',
  handler: async ({ settings, now }) => ({
    reply: presentPreferences(await settings.getOwnerPreferences(), now),
  }),
});
