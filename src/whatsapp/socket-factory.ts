import {
  Browsers,
  makeCacheableSignalKeyStore,
  makeWASocket,
  WA_CERT_DETAILS,
  type AuthenticationState,
  type UserFacingSocketConfig,
  type WASocket,
  type WAVersion,
} from '@whiskeysockets/baileys';
import type { CacheStore } from '@whiskeysockets/baileys';
import type { BaileysLogger } from './baileys-logger.ts';

/** What every socket of the link is built from. */
export interface SocketFactoryOptions {
  serverUrl: string;
  /** Simulator root key (hex), already vetted by config: loopback ws:// only. */
  rootKeyHex: string | null;
  logger: BaileysLogger;
  getMessage: UserFacingSocketConfig['getMessage'];
  /** Shared across sockets so retry counts survive reconnects (SPEC §8.3). */
  msgRetryCounterCache: CacheStore;
  /** Extra socket settings: tests pass the simulator's media agent/dispatcher and short keep-alives. */
  overrides?: Partial<UserFacingSocketConfig>;
}

/**
 * Trusts a simulator's root key in this process. Only ever reached for a loopback ws:// server
 * (config refuses anything else), and main.ts warns loudly at boot.
 */
export function trustServerRootKey(rootKeyHex: string | null): void {
  if (rootKeyHex) WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(rootKeyHex, 'hex');
}

/**
 * Creates one Baileys socket with the settings of SPEC §8.3: not "online" on connect, no history
 * sync, a stable desktop browser preset, `getMessage` from our sent-message store, a retry cache
 * that outlives the socket, and signal keys cached in memory over the database store.
 */
export function createSocket(
  options: SocketFactoryOptions,
  auth: AuthenticationState,
  version: WAVersion,
): WASocket {
  trustServerRootKey(options.rootKeyHex);
  return makeWASocket({
    waWebSocketUrl: options.serverUrl,
    version,
    browser: Browsers.macOS('Desktop'),
    logger: options.logger,
    auth: { creds: auth.creds, keys: makeCacheableSignalKeyStore(auth.keys, options.logger) },
    markOnlineOnConnect: false,
    syncFullHistory: false,
    shouldSyncHistoryMessage: () => false,
    getMessage: options.getMessage,
    msgRetryCounterCache: options.msgRetryCounterCache,
    generateHighQualityLinkPreview: false,
    ...options.overrides,
  });
}
