/** `/unmute`: alerts flow again. */
import { presentUnmuted } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The unmute command. */
export const unmuteCommand = defineCommand({
  name: 'unmute',
  description: 'send alerts again',
  async handler({ settings, now }) {
    const { mutedUntil } = await settings.getOwnerPreferences();
    await settings.updateOwnerPreferences({ mutedUntil: null });
    return { reply: presentUnmuted(mutedUntil !== null && mutedUntil.getTime() > now.getTime()) };
  },
});
