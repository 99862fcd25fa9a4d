/**
 * The port between the app and WhatsApp. Everything outside `src/whatsapp/` talks to WhatsApp only
 * through this interface (and never imports Baileys), so the outbox, the command dispatcher, the
 * notify API and the admin pages can be tested against a fake in unit tests and the real link in
 * end-to-end tests.
 */

/** Link states of SPEC §8.1. */
export type LinkState =
  | 'unpaired'
  | 'pairing'
  | 'connecting'
  | 'open'
  | 'degraded'
  | 'reconnecting'
  | 'logged_out'
  | 'replaced'
  | 'forbidden'
  | 'stopped';

/** Every state, in display order (for metrics and the admin page). */
export const LINK_STATES: readonly LinkState[] = [
  'unpaired',
  'pairing',
  'connecting',
  'open',
  'degraded',
  'reconnecting',
  'logged_out',
  'replaced',
  'forbidden',
  'stopped',
];

/** A state change, as pushed to the admin page, stored, and exported as a metric. */
export interface StateChange {
  state: LinkState;
  previous: LinkState;
  at: Date;
  /** Why, in words (e.g. "connection replaced by another session (440)"). */
  reason?: string;
  /** Baileys/WhatsApp status code behind a disconnect, when there was one. */
  statusCode?: number;
}

/** The owner's WhatsApp identity: phone-number JID plus every LID seen for it. */
export interface OwnerIdentity {
  /** e.g. `919876543210@s.whatsapp.net` (no device suffix). */
  pnJid: string | null;
  /** e.g. `123456789012345@lid` (no device suffix); the current one. */
  lidJid: string | null;
  /** Every LID JID ever seen for the owner, current included. */
  knownLids: readonly string[];
}

/** Pairing progress, pushed to the admin page while pairing. */
export type PairingEvent =
  | { kind: 'qr'; qr: string; expiresAt: Date }
  | { kind: 'code'; code: string }
  | { kind: 'paired'; identity: OwnerIdentity }
  | { kind: 'failed'; error: string };

/** How to pair: scan a QR, or type an 8-character code on the phone. */
export type PairingRequest = { method: 'qr' } | { method: 'code'; phoneNumber: string };

/** Where a message goes: the owner's own chat, or a JID (`<digits>@s.whatsapp.net`). */
export type Recipient = { kind: 'self' } | { kind: 'jid'; jid: string };

/** What to send. Media paths are absolute and already checked against the attachment rules. */
export type OutgoingContent =
  | { type: 'text'; text: string }
  | { type: 'image'; path: string; caption?: string }
  | { type: 'document'; path: string; fileName: string; mimetype?: string; followUpText?: string };

/** A successful send: the WhatsApp message id(s) and the JID it went to. */
export interface SendReceipt {
  /** Id of the main message (the document for documents). */
  messageId: string;
  /** All ids sent (document + follow-up text). */
  messageIds: string[];
  jid: string;
  sentAt: Date;
}

/** A message as the rest of the app sees it, normalised once from Baileys' `messages.upsert`. */
export interface InboundMessage {
  id: string;
  /** The chat it was typed in (PN or LID JID, no device suffix). */
  chatJid: string;
  /** The same chat in its other addressing form, when known (PN ↔ LID). */
  chatJidAlt: string | null;
  /** Who typed it (for `fromMe`, one of the owner's JIDs). */
  senderJid: string;
  senderJidAlt: string | null;
  fromMe: boolean;
  /** Text body (conversation or extended text), or null for other message types. */
  text: string | null;
  sentAt: Date;
  /** `notify` = live; `append` = replayed (offline delivery, other device). */
  upsertType: 'notify' | 'append';
}

/** Subscriber for inbound messages (the command dispatcher). Errors are caught and logged. */
export type InboundHandler = (message: InboundMessage) => Promise<void>;

/** The WhatsApp link, as used by the app. */
export interface WhatsAppTransport {
  /** Current state. */
  state(): LinkState;
  /** Since when the current state holds. */
  stateSince(): Date;
  /** The owner's identity, or null before the first pairing. */
  identity(): OwnerIdentity | null;
  /** WhatsApp Web version in use, e.g. "2.3000.1027934701". */
  waVersion(): string | null;
  /** When the last text message was accepted from WhatsApp (dashboard), or null. */
  lastInboundAt(): Date | null;
  /** Connects with the stored session (no-op when already connected or nothing is stored). */
  start(): Promise<void>;
  /** Disconnects and stays down (state `stopped`) until `start` or a new pairing. */
  stop(): Promise<void>;
  /** Logs out WhatsApp-side (removes the linked device), then wipes the stored session. */
  unlink(): Promise<void>;
  /** Starts a fresh pairing; progress arrives through `onPairing`. Rejects if already open. */
  startPairing(request: PairingRequest): Promise<void>;
  /** Abandons a pairing in progress. */
  cancelPairing(): Promise<void>;
  /**
   * Sends content; resolves once WhatsApp accepted it (message id known), rejects with a
   * TransportError when the link is not open or the send failed. Paced per chat (20/min).
   */
  send(to: Recipient, content: OutgoingContent): Promise<SendReceipt>;
  /** True when `id` is one of our own sent message ids (echo guard). */
  isOwnMessage(id: string): Promise<boolean>;
  onStateChange(listener: (change: StateChange) => void): () => void;
  onPairing(listener: (event: PairingEvent) => void): () => void;
  /** Registers the single inbound subscriber (replaces any previous one). */
  onInbound(handler: InboundHandler): void;
  /** Stops everything and releases resources (process shutdown). */
  close(): Promise<void>;
}
