/** `/mute [30m|2h|today]`: holds alerts for a while (default 1 hour, see mute-duration.ts). */
import { MUTE_USAGE, presentMuted } from '../presenters/replies/index.ts';
import { muteUntil } from './mute-duration.ts';
import { defineCommand } from './registry.ts';

/** The mute command. */
export const muteCommand = defineCommand({
  name: 'mute',
  description: 'hold alerts (default 1 hour)',
  usage: '/mute [30m|2h|today]',
  async handler({ args, settings, now }) {
    const { timezone } = await settings.getOwnerPreferences();
    const until = muteUntil(args[0], now, timezone);
    if (until === null) return { reply: MUTE_USAGE, outcome: 'usage' };
    await settings.updateOwnerPreferences({ mutedUntil: until });
    return { reply: presentMuted(until, now, timezone) };
  },
});
