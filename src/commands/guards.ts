/**
 * Who may command (SPEC §5.1). Self-chat mode: typed by the owner (`fromMe`) in the owner's own
 * chat. Dedicated-number mode: typed by an allow-listed owner phone in its 1:1 chat with the bot
 * (a group the owner shares with the bot does not count: replies there would leak). The link has
 * already dropped our own echoes and repeated ids before the dispatcher sees a message.
 */
import type { LinkMode } from '../db/index.ts';
import type { InboundMessage, OwnerIdentity, Recipient } from '../whatsapp/transport.ts';
import { allowListEntryJid, eitherIn, ownerChatJids } from './jid.ts';

/** How the sidecar is linked: mode and the allow-listed owner phones (dedicated mode). */
export interface LinkModeView {
  mode: LinkMode;
  ownerPhones: readonly string[];
}

/** Where to answer an admitted command. */
export interface Admission {
  replyTo: Recipient;
}

function admitSelfChat(message: InboundMessage, identity: OwnerIdentity): Admission | null {
  if (!message.fromMe) return null;
  const own = ownerChatJids(identity);
  if (!eitherIn(own, message.chatJid, message.chatJidAlt)) return null;
  // The link addresses the owner's own chat best (PN or LID, whichever the session uses).
  return { replyTo: { kind: 'self' } };
}

function admitDedicated(message: InboundMessage, ownerPhones: readonly string[]): Admission | null {
  if (message.fromMe) return null;
  const allowed = new Set(
    ownerPhones.map(allowListEntryJid).filter((jid): jid is string => jid !== null),
  );
  if (!eitherIn(allowed, message.senderJid, message.senderJidAlt)) return null;
  if (!eitherIn(allowed, message.chatJid, message.chatJidAlt)) return null;
  return { replyTo: { kind: 'jid', jid: message.chatJid } };
}

/**
 * Decides whether a message may command, and where the reply goes. Null means "ignore silently":
 * no owner identity yet, wrong chat or sender, or not a slash-command at all.
 */
export function admit(
  message: InboundMessage,
  identity: OwnerIdentity | null,
  link: LinkModeView,
): Admission | null {
  if (identity === null) return null;
  if (message.text === null || !message.text.trimStart().startsWith('/')) return null;
  return link.mode === 'dedicated_number'
    ? admitDedicated(message, link.ownerPhones)
    : admitSelfChat(message, identity);
}

/** How long ago the message was typed (0 for clocks that disagree the other way). */
export function messageAgeMs(message: InboundMessage, now: Date): number {
  return Math.max(0, now.getTime() - message.sentAt.getTime());
}
