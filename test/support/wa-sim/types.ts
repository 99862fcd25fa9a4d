/**
 * The public types of the WhatsApp simulator (see README.md for how to use them).
 */
import type { proto } from '@whiskeysockets/baileys';
import type { StanzaLogEntry } from './stanza-log.ts';

export type { StanzaLogEntry };

/** Options for `startWaSim`. */
export interface StartWaSimOptions {
  /** WebSocket port on 127.0.0.1 (0 or absent: a free port). */
  port?: number;
  /** Keep every stanza in `sim.stanzas` (default true). */
  stanzaLog?: boolean;
  /**
   * After `disconnect(408)` the simulator goes silent so Baileys' keep-alive check fires; if the client has
   * not closed the socket after this many ms, the simulator closes it itself. Default 60 000.
   */
  keepAliveSilenceMs?: number;
}

/** Disconnect reasons the control API can force, as Baileys' `lastDisconnect` status codes. */
export type DisconnectCode = 515 | 440 | 401 | 428 | 408 | 403 | 411 | 503 | 500;

/** Runtime control of the simulator. */
export interface WaSimControl {
  /**
   * Forces a disconnect with the given Baileys status code on every logged-in connection, or only on the
   * device JID / phone number given as `who`. 401 also unlinks the device (device removed).
   */
  disconnect(code: DisconnectCode, who?: string): void;
  /** While on, nothing is delivered to clients but sockets stay open (Baileys ends with 408 eventually). */
  setDeaf(on: boolean): void;
  /** Delays every server→client frame by `ms` (order preserved). */
  setLatency(ms: number): void;
  /** The next `count` message acks carry `error=<error>` (e.g. 463, 479); those messages are not delivered. */
  failNextAcks(count: number, error: number): void;
}

/** The media CDN and what a client needs to trust its self-signed certificate. */
export interface WaSimMedia {
  /** `https://127.0.0.1:PORT` */
  url: string;
  caPem: string;
  /** An `https.Agent` trusting `caPem`: pass as Baileys' `fetchAgent` (uploads). */
  fetchAgent: unknown;
  /** A fetch dispatcher trusting `caPem`: pass as Baileys' `options.dispatcher` (downloads). */
  dispatcher: unknown;
}

/** A running simulator. */
export interface WaSim {
  /** `ws://127.0.0.1:PORT/ws/chat`: Baileys' `waWebSocketUrl`. */
  url: string;
  rootPublicKey: Uint8Array;
  rootPublicKeyHex: string;
  media: WaSimMedia;
  /** Creates an account with its phone. `lid` defaults to a number derived from the phone number. */
  createPhone(opts: { phoneNumber: string; lid?: string; pushName?: string }): Promise<SimPhone>;
  /** The phone of an existing account, by phone number. */
  phone(phoneNumber: string): SimPhone | undefined;
  control: WaSimControl;
  /** Every stanza both ways (when `stanzaLog` is on), oldest first. */
  stanzas: readonly StanzaLogEntry[];
  /** Stanzas no handler knew (logged and given an empty result). */
  unknownStanzas(): StanzaLogEntry[];
  /** Renders log entries as readable text, for debugging a failing test. */
  dumpStanzas(entries?: readonly StanzaLogEntry[]): string;
  close(): Promise<void>;
}

/** What the phone decrypted from a companion (or another device). */
export interface PhoneInboundMessage {
  id: string;
  /** Sending device JID, e.g. `15550001111:1@s.whatsapp.net`. */
  from: string;
  /** The chat the sender addressed (the DeviceSentMessage destination), when given. */
  to?: string;
  timestampSec: number;
  kind: 'text' | 'image' | 'document' | 'other';
  /** Text body (text messages). */
  text?: string;
  caption?: string;
  fileName?: string;
  mimetype?: string;
  /** Decrypted media bytes, MAC and SHA-256 verified. */
  media?: Buffer;
  /** The decoded message (DeviceSentMessage unwrapped). */
  message: proto.IMessage;
}

/** Options for a phone's self-chat message. */
export interface SelfTextOptions {
  /** `pn` (default): from=<pn>@s.whatsapp.net; `lid`: from=<lid>@lid with sender_pn and recipient. */
  addressing?: 'pn' | 'lid';
  /** Queue for the companions' next login; it is then replayed with `offline` (Baileys: `append`). */
  offline?: boolean;
  id?: string;
  timestampSec?: number;
}

/** The simulated primary phone of an account. */
export interface SimPhone {
  phoneNumber: string;
  pnJid: string;
  lidJid: string;
  /** "Scans" a QR string from Baileys' `connection.update`; resolves once the companion is linked. */
  scanQr(qr: string): Promise<void>;
  /** Types the code Baileys' `requestPairingCode` returned; resolves once the companion is linked. */
  enterPairingCode(code: string): Promise<void>;
  /** Resolves with the first received message (already received or future) matching `predicate`. */
  waitForMessage(
    predicate?: (m: PhoneInboundMessage) => boolean,
    timeoutMs?: number,
  ): Promise<PhoneInboundMessage>;
  received: readonly PhoneInboundMessage[];
  /** Errors met while decrypting inbound stanzas (should stay empty). */
  failures: readonly Error[];
  /** Sends a text into the owner's self-chat, from the phone, to every linked companion; returns its id. */
  sendSelfText(text: string, opts?: SelfTextOptions): Promise<string>;
  /** Sends an image or document into the self-chat (media stored on the simulator's CDN). */
  sendSelfMedia(media: {
    kind: 'image' | 'document';
    data: Buffer;
    mimetype: string;
    fileName?: string;
    caption?: string;
  }): Promise<string>;
  /** A message from another person (`contactPhone`, created as an account when unknown) to this account. */
  sendAsContact(contactPhone: string, text: string): Promise<string>;
  /** Tells the companions the phone read `messageId` (Baileys: messages.update status READ). */
  sendReadReceipt(messageId: string): Promise<void>;
  /** Device JIDs of the companions currently linked. */
  linkedDevices(): string[];
  /** Resolves with the linked devices once there are exactly `count` of them. */
  waitForLinkedDevices(count: number, timeoutMs?: number): Promise<string[]>;
}
