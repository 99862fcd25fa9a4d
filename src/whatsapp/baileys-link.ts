import type { WASocket } from '@whiskeysockets/baileys';
import { ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import {
  hasStoredSession,
  wipeStoredSession,
  createDbAuthState,
  type DbAuthState,
} from './auth-store.ts';
import type { Backoff } from './backoff.ts';
import { decideOnDisconnect } from './disconnect-policy.ts';
import { clearIdentity, identityFromCreds, saveIdentity } from './identity.ts';
import type { LinkStateHolder } from './link-state.ts';
import type { LinkMetrics } from './link-metrics.ts';
import { PairingTracker, pairingFailureText } from './link-pairing.ts';
import type { OwnerIdentity, PairingEvent, PairingRequest } from './transport.ts';
import type { VersionSource } from './wa-version.ts';
import type { Watchdog } from './watchdog.ts';
import type { Database } from '../db/index.ts';
import type { SecretBox } from '../crypto/index.ts';

/** Everything the lifecycle core is built from (see index.ts for the assembly). */
export interface LinkCoreDeps {
  db: Database;
  sessionBox: SecretBox;
  logger: Logger;
  state: LinkStateHolder;
  metrics: LinkMetrics;
  backoff: Backoff;
  versions: VersionSource;
  watchdog: Watchdog;
  /** Builds a socket over the given auth state (socket-factory.ts, with settings applied). */
  makeSocket(auth: DbAuthState, version: Awaited<ReturnType<VersionSource['current']>>): WASocket;
  /** Wires message handling onto a fresh socket. */
  attachMessageHandlers(socket: WASocket): void;
  identity: { get(): OwnerIdentity | null; set(identity: OwnerIdentity | null): void };
}

/** Extracts the status code from Baileys' close error (a Boom with output.statusCode). */
export function statusCodeOf(error: unknown): number | undefined {
  const output = (error as { output?: { statusCode?: unknown } } | undefined)?.output;
  return typeof output?.statusCode === 'number' ? output.statusCode : undefined;
}

/**
 * The link's lifecycle: exactly one socket at a time (single-flight connect; the old socket's
 * listeners are removed and it is ended first), the disconnect policy of SPEC §8.2, pairing by QR
 * or code, stop/start/unlink, and the watchdog's "degraded → clean reconnect".
 */
export class LinkCore {
  readonly #deps: LinkCoreDeps;
  readonly #pairing = new PairingTracker();
  #socket: WASocket | null = null;
  #auth: DbAuthState | null = null;
  #generation = 0;
  #connecting: Promise<void> | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #openedAt = 0;
  #versionRefreshed = false;
  #closed = false;
  #credsWrites: Promise<void> = Promise.resolve();

  constructor(deps: LinkCoreDeps) {
    this.#deps = deps;
  }

  socket(): WASocket | null {
    return this.#socket;
  }

  isOpen(): boolean {
    const state = this.#deps.state.get();
    return this.#socket !== null && (state === 'open' || state === 'degraded');
  }

  onPairing(listener: (event: PairingEvent) => void): () => void {
    return this.#pairing.on(listener);
  }

  /** Connects with the stored session; a no-op when already connected or nothing is stored. */
  async start(): Promise<void> {
    if (this.#socket && this.#deps.state.get() !== 'stopped') return;
    if (!(await hasStoredSession(this.#deps.db))) {
      this.#deps.state.set('unpaired');
      return;
    }
    this.#deps.state.set('connecting');
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#pairing.clear();
    await this.#teardown();
    this.#deps.state.set('stopped', { reason: 'stopped by the admin' });
  }

  /** Starts a fresh pairing (SPEC Flow 3); refuses while connected or while one is running. */
  async startPairing(request: PairingRequest): Promise<void> {
    if (this.isOpen())
      throw new ValidationError('Bot is currently connected. Stop it before re-pairing.');
    this.#pairing.begin(request);
    await this.#teardown();
    await this.#wipeSession();
    this.#deps.state.set('pairing');
    await this.#connect();
  }

  async cancelPairing(): Promise<void> {
    if (!this.#pairing.active()) return;
    this.#pairing.fail('Pairing cancelled');
    await this.#teardown();
    await this.#wipeSession();
    this.#deps.state.set('unpaired', { reason: 'pairing cancelled' });
  }

  /** WhatsApp-side logout (removes the linked device on the phone), then wipes everything. */
  async unlink(): Promise<void> {
    const socket = this.#socket;
    this.#pairing.clear();
    if (socket && this.isOpen()) {
      this.#generation += 1; // the close that logout triggers is ours, not a disconnect to handle
      await socket.logout('unlinked from the admin page').catch((error: unknown) => {
        this.#deps.logger.warn(
          { err: error },
          'WhatsApp-side logout failed; remove the device on the phone',
        );
      });
    } else {
      this.#deps.logger.warn('unlink while not connected: the phone may still list this device');
    }
    await this.#teardown();
    await this.#wipe();
    this.#deps.state.set('unpaired', { reason: 'unlinked' });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#teardown();
    await this.#credsWrites;
  }

  /** Called by the watchdog: mark degraded, then reconnect cleanly through the backoff. */
  degraded(reason: string): void {
    if (!this.isOpen()) return;
    this.#deps.state.set('degraded', { reason });
    void this.#teardown().then(() => this.#scheduleReconnect(`watchdog: ${reason}`));
  }

  #connect(): Promise<void> {
    this.#connecting ??= this.#openSocket().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  async #openSocket(): Promise<void> {
    await this.#teardown();
    // The previous socket's last creds (e.g. right after pair-success) must be stored before reading.
    await this.#credsWrites;
    if (this.#closed) return;
    const generation = ++this.#generation;
    this.#auth = await createDbAuthState(this.#deps.db, this.#deps.sessionBox);
    const version = await this.#deps.versions.current();
    if (generation !== this.#generation || this.#closed) return;
    const socket = this.#deps.makeSocket(this.#auth, version);
    this.#socket = socket;
    this.#wire(socket, generation, this.#auth);
  }

  #wire(socket: WASocket, generation: number, auth: DbAuthState): void {
    const current = () => generation === this.#generation;
    socket.ev.on('creds.update', () => {
      this.#credsWrites = this.#credsWrites
        .then(() => auth.saveCreds())
        .catch((error: unknown) =>
          this.#deps.logger.error({ err: error }, 'could not store WhatsApp creds'),
        );
    });
    socket.ev.on('connection.update', (update) => {
      if (!current()) return;
      if (update.qr) void this.#onQr(socket, update.qr);
      if (update.connection === 'open') void this.#onOpen(auth);
      if (update.connection === 'close')
        void this.#onClose(statusCodeOf(update.lastDisconnect?.error));
    });
    socket.ws.on('frame', () => this.#deps.watchdog.frameSeen());
    this.#deps.attachMessageHandlers(socket);
  }

  async #onQr(socket: WASocket, qr: string): Promise<void> {
    if (this.#pairing.active()) return this.#pairing.handleQr(socket, qr);
    // A QR without a pairing means the stored session is no longer accepted: it is useless now.
    this.#deps.logger.warn('WhatsApp asked for a new pairing; the stored session is not accepted');
    await this.#teardown();
    await this.#wipe();
    this.#deps.state.set('unpaired', { reason: 'session not accepted; pair again' });
  }

  async #onOpen(auth: DbAuthState): Promise<void> {
    this.#openedAt = Date.now();
    this.#versionRefreshed = false;
    const identity = identityFromCreds(
      auth.state.creds,
      this.#deps.identity.get()?.knownLids ?? [],
    );
    const pairedNow = this.#pairing.active();
    if (identity) {
      this.#deps.identity.set(identity);
      await saveIdentity(this.#deps.db, identity, pairedNow).catch((error: unknown) =>
        this.#deps.logger.error({ err: error }, 'could not store the owner identity'),
      );
    }
    this.#pairing.complete(identity);
    this.#deps.watchdog.start();
    this.#deps.state.set('open');
  }

  async #onClose(statusCode: number | undefined): Promise<void> {
    this.#deps.watchdog.stop();
    if (this.#openedAt) this.#deps.backoff.connectionLasted(Date.now() - this.#openedAt);
    this.#openedAt = 0;
    this.#detachSocket();
    if (this.#closed) return;
    if (this.#pairing.active()) return this.#onPairingClose(statusCode);
    const decision = decideOnDisconnect(statusCode, this.#versionRefreshed);
    switch (decision.action) {
      case 'reconnect-now':
        this.#deps.state.set('connecting', {
          reason: decision.reason,
          ...(statusCode ? { statusCode } : {}),
        });
        return this.#connect();
      case 'refresh-version':
        this.#versionRefreshed = true;
        await this.#deps.versions.refresh();
        return this.#scheduleReconnect(decision.reason, statusCode);
      case 'backoff':
        return this.#scheduleReconnect(decision.reason, statusCode);
      case 'stop':
        if (decision.wipeSession) await this.#wipe();
        this.#deps.state.set(decision.state, {
          reason: decision.reason,
          ...(statusCode ? { statusCode } : {}),
        });
    }
  }

  async #onPairingClose(statusCode: number | undefined): Promise<void> {
    // 515 is the normal restart right after the phone linked: log in with the new creds.
    if (statusCode === 515) return this.#connect();
    this.#pairing.fail(pairingFailureText(statusCode));
    await this.#wipeSession();
    this.#deps.state.set('unpaired', {
      reason: 'pairing ended',
      ...(statusCode ? { statusCode } : {}),
    });
  }

  #scheduleReconnect(reason: string, statusCode?: number): void {
    if (this.#closed || this.#reconnectTimer) return;
    const delay = this.#deps.backoff.nextDelayMs();
    this.#deps.metrics.reconnect();
    this.#deps.state.set('reconnecting', {
      reason: `${reason}; retrying in ${Math.round(delay / 100) / 10} s`,
      ...(statusCode ? { statusCode } : {}),
    });
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.#deps.state.set('connecting');
      this.#connect().catch((error: unknown) => {
        this.#deps.logger.error({ err: error }, 'reconnect failed');
        this.#scheduleReconnect('reconnect failed');
      });
    }, delay);
  }

  /** Deletes the stored session once pending writes settled and the old auth state is disabled. */
  async #wipeSession(): Promise<void> {
    await this.#credsWrites;
    this.#auth?.disable();
    await wipeStoredSession(this.#deps.db);
  }

  /** Wipes the session and forgets the owner's WhatsApp identity (unlink, logged out). */
  async #wipe(): Promise<void> {
    await this.#wipeSession();
    await clearIdentity(this.#deps.db);
    this.#deps.identity.set(null);
  }

  #detachSocket(): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = null;
    socket.ev.removeAllListeners('connection.update');
    socket.ev.removeAllListeners('creds.update');
    socket.ev.removeAllListeners('messages.upsert');
    socket.ws.removeAllListeners('frame');
  }

  /** Ends the current socket (if any) without treating its close as a disconnect. */
  async #teardown(): Promise<void> {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    this.#deps.watchdog.stop();
    this.#generation += 1;
    const socket = this.#socket;
    this.#detachSocket();
    if (socket) {
      await socket.end(undefined);
    }
  }
}
