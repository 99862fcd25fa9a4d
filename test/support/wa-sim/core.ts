/**
 * The shared state of one simulator instance, handed to every server module, plus small JID and node
 * helpers they all use.
 */
import type { EventEmitter } from 'node:events';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimCertificates } from './certs.ts';
import type { ConnectionSettings, SimConnection } from './connection.ts';
import type { LinkCodeSession } from './link-code.ts';
import type { MediaServer } from './media-server.ts';
import type { StanzaLog } from './stanza-log.ts';
import type { AccountRecord, AccountStore } from './store.ts';

/** The JID the server speaks as (a JID with an empty user). */
export const SERVER_JID = '@s.whatsapp.net';

/** Runtime knobs changed through the control API. */
export interface SimSettings extends ConnectionSettings {
  /** Error codes to put on the next message acks, consumed one per ack. */
  ackErrors: number[];
}

/** Everything the server modules share. */
export interface SimCore {
  store: AccountStore;
  certs: SimCertificates;
  media: MediaServer;
  log: StanzaLog;
  settings: SimSettings;
  /** Open connections, registering or logged in. */
  connections: Set<SimConnection>;
  /** QR refs handed out to registering connections. */
  pendingRefs: Map<string, SimConnection>;
  /** Pairing-code registrations waiting for the phone, by phone number. */
  linkCodes: Map<string, LinkCodeSession>;
  /** Internal events: `link-code:<pn>` when a companion asks to pair by code. */
  events: EventEmitter;
}

/** The logged-in connection of one companion device, if it is online. */
export function companionConnection(
  core: SimCore,
  account: AccountRecord,
  deviceId: number,
): SimConnection | undefined {
  for (const conn of core.connections) {
    if (conn.account === account && conn.companion?.deviceId === deviceId && conn.isOpen)
      return conn;
  }
  return undefined;
}

/** Splits a JID into user, device and server (`1555:2@s.whatsapp.net` → `1555`, 2, `s.whatsapp.net`). */
export function parseJid(jid: string): { user: string; device: number; server: string } {
  const [userPart = '', server = ''] = jid.split('@');
  const [userAgent = '', device = '0'] = userPart.split(':');
  return { user: userAgent.split('_')[0] ?? '', device: Number(device), server };
}

/** Current Unix time in seconds, as a stanza attribute. */
export function unixTime(): string {
  return Math.floor(Date.now() / 1000).toString();
}

/** The child nodes of a node (empty when its content is not a list). */
export function children(node: BinaryNode | undefined): BinaryNode[] {
  return Array.isArray(node?.content) ? node.content : [];
}

/** The first child with `tag`. */
export function child(node: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return children(node).find((c) => c.tag === tag);
}

/** A child's binary content as a Buffer. */
export function childBytes(node: BinaryNode | undefined, tag: string): Buffer | undefined {
  const content = child(node, tag)?.content;
  if (content instanceof Uint8Array) return Buffer.from(content);
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : undefined;
}

/** An empty `iq result` answering `iq` (optionally with content). */
export function iqResult(iq: BinaryNode, content?: BinaryNode[]): BinaryNode {
  const attrs: Record<string, string> = { from: SERVER_JID, type: 'result', id: iq.attrs.id ?? '' };
  return content ? { tag: 'iq', attrs, content } : { tag: 'iq', attrs };
}

/** Encodes an unsigned integer big-endian in `length` bytes. */
export function bigEndian(value: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  out.writeUIntBE(value, 0, length);
  return out;
}
