/**
 * One client WebSocket as the server sees it: the noise handshake, then binary nodes both ways. Frames are
 * processed strictly one at a time because the switch to transport mode happens between two frames.
 */
import { randomBytes } from 'node:crypto';
import { decodeBinaryNode, encodeBinaryNode, proto } from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { WebSocket } from 'ws';
import { FrameReader, NoiseServerHandshake, encodeFrame } from './noise.ts';
import type { HandshakeResult, NoiseTransport } from './noise.ts';
import type { SimCertificates } from './certs.ts';
import type { AccountRecord, CompanionRecord } from './store.ts';
import type { StanzaLog } from './stanza-log.ts';

/** Callbacks the server plugs into each connection. */
export interface ConnectionHandlers {
  onHandshake(conn: SimConnection, result: HandshakeResult): Promise<void>;
  onNode(conn: SimConnection, node: BinaryNode): Promise<void>;
  onClose(conn: SimConnection): void;
}

/** Knobs shared by every connection, changed at runtime by the control API. */
export interface ConnectionSettings {
  latencyMs: number;
  deaf: boolean;
}

let nextConnectionId = 1;

/** A client connection. `account`/`companion` are set once it has logged in. */
export class SimConnection {
  readonly id = nextConnectionId++;
  account?: AccountRecord;
  companion?: CompanionRecord;
  /** Set while the connection is registering (no creds.me yet): its keys, for QR and pairing code. */
  registration?: HandshakeResult;
  /** When true nothing more is sent to the client (used to force a 408 keep-alive timeout). */
  silent = false;
  readonly #ws: WebSocket;
  readonly #reader = new FrameReader();
  readonly #handshake: NoiseServerHandshake;
  readonly #handlers: ConnectionHandlers;
  readonly #settings: ConnectionSettings;
  readonly #log: StanzaLog;
  #transport?: NoiseTransport;
  #inbox: Promise<void> = Promise.resolve();
  #outbox: Promise<void> = Promise.resolve();
  readonly #pending = new Map<string, (reply: BinaryNode | Error) => void>();

  /** Wraps an accepted socket; frames start flowing immediately. */
  constructor(
    ws: WebSocket,
    certs: SimCertificates,
    handlers: ConnectionHandlers,
    settings: ConnectionSettings,
    log: StanzaLog,
  ) {
    this.#ws = ws;
    this.#handshake = new NoiseServerHandshake(certs.serverStatic, certs.certChain);
    this.#handlers = handlers;
    this.#settings = settings;
    this.#log = log;
    ws.on('message', (data: Buffer) => {
      this.#inbox = this.#inbox
        .then(() => this.#receive(data))
        .catch((err: unknown) => this.#fail(err));
    });
    ws.on('close', () => {
      for (const waiter of this.#pending.values())
        waiter(new Error('connection closed before replying'));
      this.#pending.clear();
      handlers.onClose(this);
    });
  }

  /** The companion's device JID once logged in, e.g. `15550001111:1@s.whatsapp.net`. */
  get jid(): string | undefined {
    if (!this.account || !this.companion) return undefined;
    return `${this.account.phoneNumber}:${this.companion.deviceId}@s.whatsapp.net`;
  }

  /** True while the WebSocket is open. */
  get isOpen(): boolean {
    return this.#ws.readyState === this.#ws.OPEN;
  }

  /** Queues a node for the client, honouring latency, deaf and silent modes; order is preserved. */
  send(node: BinaryNode): void {
    this.#outbox = this.#outbox.then(async () => {
      if (this.#settings.latencyMs > 0) await sleep(this.#settings.latencyMs);
      const dropped = this.silent || this.#settings.deaf || !this.isOpen;
      this.#log.record('out', this, node, dropped);
      if (dropped || !this.#transport) return;
      const plain = encodeBinaryNode(node);
      this.#ws.send(encodeFrame(this.#transport.encrypt(plain)));
    });
  }

  /** Sends an IQ to the client and resolves with its result/error reply (rejects after `timeoutMs`). */
  query(node: BinaryNode, timeoutMs = 10_000): Promise<BinaryNode> {
    const id = (node.attrs.id ??= serverId());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`no reply to server iq ${id}`));
      }, timeoutMs);
      this.#pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      });
      this.send(node);
    });
  }

  /** Closes the socket after everything queued so far has been written. */
  close(): Promise<void> {
    this.#outbox = this.#outbox.then(() => {
      if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING)
        this.#ws.close();
    });
    return this.#outbox;
  }

  /**
   * Closes the socket shortly after everything queued so far is written. The grace period lets the client
   * process a final stanza (stream:error, failure) before it sees the close, or close first itself.
   */
  closeSoon(graceMs = 150): void {
    void this.#outbox.then(() => {
      setTimeout(() => void this.close(), graceMs).unref();
    });
  }

  /** Drops the TCP connection at once, without a close handshake. */
  terminate(): void {
    this.#ws.terminate();
  }

  async #receive(data: Buffer): Promise<void> {
    for (const frame of this.#reader.push(data)) {
      if (this.#transport) {
        const node = await decodeBinaryNode(this.#transport.decrypt(frame));
        this.#log.record('in', this, node, false);
        const waiter = node.tag === 'iq' ? this.#pending.get(node.attrs.id ?? '') : undefined;
        if (waiter && (node.attrs.type === 'result' || node.attrs.type === 'error')) {
          this.#pending.delete(node.attrs.id ?? '');
          waiter(node);
        } else {
          await this.#handlers.onNode(this, node);
        }
      } else {
        await this.#handshakeStep(frame);
      }
    }
  }

  async #handshakeStep(frame: Buffer): Promise<void> {
    const message = proto.HandshakeMessage.decode(frame);
    if (message.clientHello?.ephemeral) {
      this.#ws.send(encodeFrame(this.#handshake.serverHello(message.clientHello.ephemeral)));
      return;
    }
    if (!message.clientFinish) throw new Error('unexpected handshake message');
    const result = this.#handshake.finish(message.clientFinish);
    this.#transport = result.transport;
    await this.#handlers.onHandshake(this, result);
  }

  #fail(err: unknown): void {
    this.#log.error(this, err);
    this.terminate();
  }
}

/** A random stanza id for server-originated stanzas. */
export function serverId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
