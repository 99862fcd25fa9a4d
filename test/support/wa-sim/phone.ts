/**
 * The simulated primary phone: pairs companions (QR or code), decrypts what they send to it, and sends
 * self-chat messages, messages as other contacts and read receipts.
 */
import { EventEmitter } from 'node:events';
import { proto, unpadRandomMax16 } from '@whiskeysockets/baileys';
import type { BinaryNode, MediaType } from '@whiskeysockets/baileys';
import { child, companionConnection, parseJid, unixTime } from './core.ts';
import type { SimCore } from './core.ts';
import { enterPairingCode } from './link-code.ts';
import { scanQr } from './pairing.ts';
import { decryptMedia, encryptMedia } from './phone-media.ts';
import {
  asDeviceSent,
  newMessageId,
  peerName,
  selfChatAttrs,
  sendToCompanions,
} from './phone-outbound.ts';
import { PhoneSignal } from './phone-signal.ts';
import type { AccountRecord, KeyBundle, PhoneEndpoint } from './store.ts';
import type { PhoneInboundMessage, SelfTextOptions, SimPhone } from './types.ts';

/** Finds or creates another account's phone (used for messages "as a contact"). */
export type PhoneDirectory = (phoneNumber: string) => Promise<Phone>;

/** A phone bound to one account of the simulator. */
export class Phone implements SimPhone, PhoneEndpoint {
  readonly signal = new PhoneSignal();
  readonly received: PhoneInboundMessage[] = [];
  readonly failures: Error[] = [];
  readonly #events = new EventEmitter();
  readonly #core: SimCore;
  readonly #directory: PhoneDirectory;
  account!: AccountRecord;

  /** Use `WaSim.createPhone`; the account is attached right after construction. */
  constructor(core: SimCore, directory: PhoneDirectory) {
    this.#core = core;
    this.#directory = directory;
  }

  get identity() {
    return this.signal.identity;
  }
  get phoneNumber(): string {
    return this.account.phoneNumber;
  }
  get pnJid(): string {
    return `${this.account.phoneNumber}@s.whatsapp.net`;
  }
  get lidJid(): string {
    return `${this.account.lidUser}@lid`;
  }

  keyBundle(): KeyBundle {
    return this.signal.keyBundle();
  }

  async scanQr(qr: string): Promise<void> {
    await scanQr(this.#core, this.account, qr);
  }

  async enterPairingCode(code: string): Promise<void> {
    await enterPairingCode(this.#core, this.account, code);
  }

  linkedDevices(): string[] {
    return [...this.account.companions.keys()].map(
      (device) => `${this.account.phoneNumber}:${device}@s.whatsapp.net`,
    );
  }

  devicesChanged(): void {
    this.#events.emit('devices');
  }

  waitForLinkedDevices(count: number, timeoutMs = 10_000): Promise<string[]> {
    return this.#waitFor(
      'devices',
      () => (this.account.companions.size === count ? this.linkedDevices() : undefined),
      timeoutMs,
    );
  }

  waitForMessage(
    predicate: (m: PhoneInboundMessage) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<PhoneInboundMessage> {
    return this.#waitFor('message', () => this.received.find(predicate), timeoutMs);
  }

  /** Resolves with `check()` as soon as it returns a value, re-checking on each `event`. */
  #waitFor<T>(event: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#events.off(event, listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#events.off(event, listener);
        reject(new Error(`phone ${this.phoneNumber}: no ${event} match within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#events.on(event, listener);
    });
  }

  async sendSelfText(text: string, opts: SelfTextOptions = {}): Promise<string> {
    const attrs = selfChatAttrs(this.account, opts.addressing ?? 'pn');
    const message = asDeviceSent(this.account, { conversation: text });
    return sendToCompanions(this.#core, this, this.account, message, { ...opts, attrs });
  }

  async sendSelfMedia(media: {
    kind: 'image' | 'document';
    data: Buffer;
    mimetype: string;
    fileName?: string;
    caption?: string;
  }): Promise<string> {
    const fields = await encryptMedia(this.#core.media, media.data, media.kind);
    const body = { ...fields, mimetype: media.mimetype, caption: media.caption };
    const inner: proto.IMessage =
      media.kind === 'image'
        ? { imageMessage: body }
        : { documentMessage: { ...body, fileName: media.fileName } };
    const attrs = selfChatAttrs(this.account, 'pn');
    return sendToCompanions(this.#core, this, this.account, asDeviceSent(this.account, inner), {
      attrs,
    });
  }

  async sendAsContact(contactPhone: string, text: string): Promise<string> {
    const contact = await this.#directory(contactPhone);
    const attrs = { from: contact.pnJid, notify: contact.account.pushName };
    return sendToCompanions(this.#core, contact, this.account, { conversation: text }, { attrs });
  }

  async sendReadReceipt(messageId: string): Promise<void> {
    for (const deviceId of this.account.companions.keys()) {
      companionConnection(this.#core, this.account, deviceId)?.send({
        tag: 'receipt',
        attrs: {
          from: this.pnJid,
          recipient: this.pnJid,
          id: messageId,
          t: unixTime(),
          type: 'read',
        },
      });
    }
    return Promise.resolve();
  }

  /** Server → phone: decrypts one `<message>` and records it; failures are kept in `failures`. */
  async deliver(stanza: BinaryNode): Promise<void> {
    try {
      const message = await this.#decrypt(stanza);
      this.received.push(message);
      this.#events.emit('message', message);
    } catch (err) {
      this.failures.push(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async #decrypt(stanza: BinaryNode): Promise<PhoneInboundMessage> {
    const enc = child(stanza, 'enc');
    const from = stanza.attrs.from ?? '';
    const { user, device } = parseJid(from);
    const sender = this.#core.store.byUser(user);
    if (!enc || !(enc.content instanceof Uint8Array) || !sender)
      throw new Error(`undecryptable stanza from ${from}`);
    const type = enc.attrs.type === 'pkmsg' ? 'pkmsg' : 'msg';
    const plain = await this.signal.decrypt(peerName(sender, device), {
      type,
      ciphertext: Buffer.from(enc.content),
    });
    const outer = proto.Message.decode(unpadRandomMax16(plain));
    const message = outer.deviceSentMessage?.message ?? outer;
    const base = {
      id: stanza.attrs.id ?? '',
      from,
      to: outer.deviceSentMessage?.destinationJid ?? undefined,
      timestampSec: Number(stanza.attrs.t),
      message,
    };
    return { ...base, ...(await this.#describe(message)) };
  }

  async #describe(
    message: proto.IMessage,
  ): Promise<Omit<PhoneInboundMessage, 'id' | 'from' | 'to' | 'timestampSec' | 'message'>> {
    const text = message.conversation ?? message.extendedTextMessage?.text;
    if (text) return { kind: 'text', text };
    const media = message.imageMessage ?? message.documentMessage;
    if (!media) return { kind: 'other' };
    const kind: MediaType = message.imageMessage ? 'image' : 'document';
    return {
      kind,
      caption: media.caption ?? undefined,
      mimetype: media.mimetype ?? undefined,
      fileName: message.documentMessage?.fileName ?? undefined,
      media: await decryptMedia(this.#core.media, media, kind),
    };
  }
}

/** Re-exported for callers that build ids for `sendSelfText({ id })`. */
export { newMessageId };
