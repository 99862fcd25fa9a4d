import type { WAMessage } from '@whiskeysockets/baileys';
import { normalizeJid } from './identity.ts';
import type { InboundMessage } from './transport.ts';

/** Text of a message: plain conversation or extended text (links, replies); null otherwise. */
function textOf(message: WAMessage['message']): string | null {
  if (!message) return null;
  const text = message.conversation ?? message.extendedTextMessage?.text ?? null;
  return typeof text === 'string' ? text : null;
}

function sentAtOf(message: WAMessage): Date {
  const raw = message.messageTimestamp;
  const seconds = typeof raw === 'number' ? raw : raw ? Number(raw.toString()) : 0;
  return seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/**
 * Normalises one Baileys upsert entry into the app's InboundMessage (SPEC §5.1), done once here so
 * the rest of the app never sees Baileys shapes. Returns null for entries without a usable key
 * (protocol stubs, status broadcasts).
 */
export function normalizeInbound(
  message: WAMessage,
  upsertType: 'notify' | 'append',
  ownerJid: string | null = null,
): InboundMessage | null {
  const key = message.key;
  const chatJid = normalizeJid(key.remoteJid);
  if (!key.id || !chatJid || chatJid === 'status@broadcast') return null;
  const chatJidAlt = normalizeJid(key.remoteJidAlt);
  const fromMe = key.fromMe === true;
  // Groups name a participant; in a 1:1 chat the sender is the other party, or us when fromMe.
  const senderJid = normalizeJid(key.participant) ?? (fromMe ? (ownerJid ?? chatJid) : chatJid);
  const senderJidAlt = normalizeJid(key.participantAlt) ?? chatJidAlt;
  return {
    id: key.id,
    chatJid,
    chatJidAlt,
    senderJid,
    senderJidAlt,
    fromMe,
    text: textOf(message.message),
    sentAt: sentAtOf(message),
    upsertType,
  };
}

/**
 * One stable chat id for dedupe: the phone-number form when either form is one, so a message
 * replayed in LID addressing is recognised as the PN one seen before.
 */
export function canonicalChatJid(message: Pick<InboundMessage, 'chatJid' | 'chatJidAlt'>): string {
  if (message.chatJidAlt?.endsWith('@s.whatsapp.net')) return message.chatJidAlt;
  return message.chatJid;
}
