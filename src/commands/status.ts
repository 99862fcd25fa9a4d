/** `/status`: the real link state, the masked paired number, the owner and the link mode. */
import { presentStatus } from '../presenters/replies/index.ts';
import { defineCommand } from './registry.ts';

/** The status command (no host call: it must work when the host is down). */
export const statusCommand = defineCommand({
  name: 'status',
  description: 'WhatsApp link, paired number, owner',
  async handler({ link, settings, now }) {
    const [ownerUsername, { mode }, preferences] = await Promise.all([
      settings.getOwnerUsername(),
      settings.getMode(),
      settings.getOwnerPreferences(),
    ]);
    const reply = presentStatus({
      linkState: link.state(),
      linkSince: link.stateSince(),
      now,
      pairedJid: link.identity()?.pnJid ?? null,
      ownerUsername,
      mode,
      timeZone: preferences.timezone,
    });
    return { reply };
  },
});
