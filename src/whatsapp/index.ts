import type { UserFacingSocketConfig } from '@whiskeysockets/baileys';
import type { Registry } from 'prom-client';
import { createSecretBox, type DomainKeys } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { hasStoredSession } from './auth-store.ts';
import { createBackoff, type BackoffOptions } from './backoff.ts';
import { createBaileysLogger } from './baileys-logger.ts';
import { LinkCore } from './baileys-link.ts';
import { createChatPacer } from './chat-pacer.ts';
import { loadIdentity } from './identity.ts';
import { createInboundPipeline } from './link-inbound.ts';
import { createLinkMetrics } from './link-metrics.ts';
import { createLinkSender } from './link-sender.ts';
import { createLinkStateHolder, loadStoredState } from './link-state.ts';
import { createMessageStore } from './message-store.ts';
import { createSocket } from './socket-factory.ts';
import type { InboundHandler, LinkState, OwnerIdentity, WhatsAppTransport } from './transport.ts';
import { createTtlCache } from './ttl-cache.ts';
import { createVersionSource, formatVersion } from './wa-version.ts';
import { createWatchdog } from './watchdog.ts';

export type * from './transport.ts';

/** What the link is built from. */
export interface WhatsAppLinkOptions {
  db: Database;
  keys: DomainKeys;
  logger: Logger;
  registry: Registry;
  serverUrl: string;
  /** Simulator root key (hex); config only allows it with a loopback ws:// server URL. */
  rootKeyHex: string | null;
  /** Look up WhatsApp Web's current version (off for the simulator and tests). */
  versionLookup: boolean;
  /** Extra Baileys settings (tests: the simulator's media agent/dispatcher, short keep-alive). */
  socketOverrides?: Partial<UserFacingSocketConfig>;
  /**
   * Whether `resume()` reconnects a stored session (SPEC §8.2: boot auto-connects); default true.
   * Tests set false to drive `start()` themselves.
   */
  autoConnect?: boolean;
  /** Reconnect backoff tuning (defaults: SPEC §8.2's 1 s → 60 s, ±20 %, reset after 60 s). */
  backoff?: BackoffOptions;
}

/** Keep-alive Baileys uses unless overridden; the watchdog allows twice this of silence. */
const DEFAULT_KEEPALIVE_MS = 30_000;

/** States after which a restart does not reconnect by itself: someone chose or must act. */
const NO_AUTO_CONNECT: readonly LinkState[] = ['stopped', 'replaced', 'forbidden'];

/**
 * Builds the WhatsApp link (the only Baileys user) behind the transport port, and auto-connects
 * when a session is stored — unless the link was last stopped on purpose, replaced by another
 * session (440) or forbidden, which need someone to press Reconnect.
 */
/** The link as the composition root sees it: the port plus the boot-time resume. */
export interface WhatsAppLink extends WhatsAppTransport {
  /**
   * Reconnects a stored session at boot, unless the link was last stopped, replaced or forbidden.
   * Called by the app *after* the inbound subscriber is registered, so messages replayed at login
   * (typed while the sidecar was down) are not handled before anyone listens.
   */
  resume(): Promise<void>;
}

export async function createWhatsAppLink(options: WhatsAppLinkOptions): Promise<WhatsAppLink> {
  const { db, logger: parent } = options;
  const logger = parent.child({ module: 'whatsapp' });
  const metrics = createLinkMetrics(options.registry);
  const stored = await loadStoredState(db);
  const sessionStored = await hasStoredSession(db);
  const initial: LinkState = !sessionStored
    ? 'unpaired'
    : NO_AUTO_CONNECT.includes(stored)
      ? stored
      : 'connecting';
  const state = createLinkStateHolder(db, logger, metrics, initial);
  const store = createMessageStore(db, createSecretBox(options.keys['message-content']));
  let identity: OwnerIdentity | null = await loadIdentity(db);
  let handler: InboundHandler | null = null;
  let lastInboundAt = 0;
  const keepAliveMs = options.socketOverrides?.keepAliveIntervalMs ?? DEFAULT_KEEPALIVE_MS;
  const versions = createVersionSource(logger, options.versionLookup);
  let core: LinkCore | null = null;
  const watchdog = createWatchdog({
    silenceMs: 2 * keepAliveMs,
    decryptFailureLimit: 10,
    failureWindowMs: 60_000,
    onUnhealthy: (reason) => core?.degraded(reason),
  });
  const baileysLogger = createBaileysLogger(logger, () => watchdog.decryptFailed());
  const retryCache = createTtlCache();
  const sender = createLinkSender(
    {
      socket: () => core?.socket() ?? null,
      isOpen: () => core?.isOpen() ?? false,
      identity: () => identity,
    },
    store,
    createChatPacer(),
    metrics,
    logger,
  );
  const handleUpsert = createInboundPipeline(
    {
      identity: () => identity,
      recentlySent: (id) => sender.recentlySent(id),
      handler: () => handler,
      touched: () => (lastInboundAt = Date.now()),
    },
    store,
    logger,
  );
  let version = '';
  core = new LinkCore({
    db,
    sessionBox: createSecretBox(options.keys['whatsapp-session']),
    logger,
    state,
    metrics,
    backoff: createBackoff(options.backoff),
    versions,
    watchdog,
    identity: { get: () => identity, set: (next) => (identity = next) },
    makeSocket: (auth, waVersion) => {
      version = formatVersion(waVersion);
      return createSocket(
        {
          serverUrl: options.serverUrl,
          rootKeyHex: options.rootKeyHex,
          logger: baileysLogger,
          getMessage: (key) => (key.id ? store.sentContent(key.id) : Promise.resolve(undefined)),
          msgRetryCounterCache: retryCache,
          ...(options.socketOverrides ? { overrides: options.socketOverrides } : {}),
        },
        auth.state,
        waVersion,
      );
    },
    attachMessageHandlers: (socket) => {
      socket.ev.on('messages.upsert', ({ messages, type }) => void handleUpsert(messages, type));
    },
  });
  const pruneTimer = setInterval(
    () => void store.prune().catch(() => undefined),
    6 * 60 * 60 * 1000,
  );
  pruneTimer.unref();
  const link = core;
  if (initial === 'connecting' && options.autoConnect !== false) {
    void link
      .start()
      .catch((error: unknown) => logger.error({ err: error }, 'auto-connect failed'));
  }

  const transport: WhatsAppLink = {
    async resume() {
      if (initial !== 'connecting' || options.autoConnect === false) return;
      await link
        .start()
        .catch((error: unknown) => logger.error({ err: error }, 'auto-connect failed'));
    },
    state: () => state.get(),
    stateSince: () => state.since(),
    identity: () => identity,
    waVersion: () => version || null,
    lastInboundAt: () => (lastInboundAt ? new Date(lastInboundAt) : null),
    start: () => link.start(),
    stop: () => link.stop(),
    unlink: () => link.unlink(),
    startPairing: (request) => link.startPairing(request),
    cancelPairing: () => link.cancelPairing(),
    send: (to, content) => sender.send(to, content),
    isOwnMessage: async (id) => sender.recentlySent(id) || (await store.isSent(id)),
    onStateChange: (listener) => state.onChange(listener),
    onPairing: (listener) => link.onPairing(listener),
    onInbound: (next) => {
      handler = next;
    },
    async close() {
      clearInterval(pruneTimer);
      await link.close();
      await state.flushed();
    },
  };
  return transport;
}
