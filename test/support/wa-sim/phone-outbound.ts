/**
 * Messages the phone sends: self-chat copies for its own companions (wrapped in a DeviceSentMessage) and
 * ordinary messages to another account's companions. Each companion gets its own Signal ciphertext.
 */
import { randomBytes } from 'node:crypto';
import { encodeWAMessage } from '@whiskeysockets/baileys';
import type { BinaryNode, proto } from '@whiskeysockets/baileys';
import type { SimCore } from './core.ts';
import { deliverToCompanion } from './messaging.ts';
import type { PhoneSignal } from './phone-signal.ts';
import type { AccountRecord } from './store.ts';

/** Who sends: the sending account and its phone's Signal state. */
export interface Sender {
  account: AccountRecord;
  signal: PhoneSignal;
}

/** How the envelope is addressed and delivered. */
export interface Envelope {
  /** Attributes of the `<message>` stanza other than id/t/type. */
  attrs: Record<string, string>;
  id?: string;
  timestampSec?: number;
  offline?: boolean;
}

/** A new message id shaped like WhatsApp's (3EB0 + hex). */
export function newMessageId(): string {
  return `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** The Signal peer name the phone uses for a device: `<pn>:<device>`. */
export function peerName(account: AccountRecord, deviceId: number): string {
  return `${account.phoneNumber}:${deviceId}`;
}

/**
 * Encrypts `message` for every companion of `target` and delivers (or queues) it.
 * Returns the message id.
 */
export async function sendToCompanions(
  core: SimCore,
  sender: Sender,
  target: AccountRecord,
  message: proto.IMessage,
  envelope: Envelope,
): Promise<string> {
  const id = envelope.id ?? newMessageId();
  const t = String(envelope.timestampSec ?? Math.floor(Date.now() / 1000));
  const plaintext = encodeWAMessage(message);
  const type = message.conversation || message.extendedTextMessage ? 'text' : 'media';
  for (const deviceId of [...target.companions.keys()]) {
    const enc = await sender.signal.encrypt(peerName(target, deviceId), plaintext, () =>
      core.store.takeKeyBundle(target, deviceId),
    );
    const encNode: BinaryNode = {
      tag: 'enc',
      attrs: { v: '2', type: enc.type },
      content: enc.ciphertext,
    };
    if (type === 'media') encNode.attrs.mediatype = mediaTypeOf(message);
    const stanza: BinaryNode = {
      tag: 'message',
      attrs: { ...envelope.attrs, id, t, type },
      content: [encNode],
    };
    deliverToCompanion(core, target, deviceId, stanza, envelope.offline ?? false);
  }
  return id;
}

function mediaTypeOf(message: proto.IMessage): string {
  const inner = message.deviceSentMessage?.message ?? message;
  return inner.imageMessage ? 'image' : 'document';
}

/** Envelope attributes for a phone's self-chat message in PN or LID addressing. */
export function selfChatAttrs(
  account: AccountRecord,
  addressing: 'pn' | 'lid',
): Record<string, string> {
  const pn = `${account.phoneNumber}@s.whatsapp.net`;
  const lid = `${account.lidUser}@lid`;
  if (addressing === 'lid')
    return { from: lid, sender_pn: pn, recipient: lid, notify: account.pushName };
  return { from: pn, notify: account.pushName };
}

/** Wraps a message the phone sent into its own chat, as every own-device copy is. */
export function asDeviceSent(account: AccountRecord, message: proto.IMessage): proto.IMessage {
  return {
    deviceSentMessage: { destinationJid: `${account.phoneNumber}@s.whatsapp.net`, message },
  };
}
