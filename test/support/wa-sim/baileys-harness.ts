/**
 * Helpers for a process that runs the real Baileys against the simulator: trust the simulator's root key
 * and media certificate, verify signatures strictly, keep auth state in memory, connect and pair.
 */
import {
  Curve,
  DEFAULT_CONNECTION_CONFIG,
  WA_CERT_DETAILS,
  initAuthCreds,
  makeWASocket,
} from '@whiskeysockets/baileys';
import type {
  AuthenticationState,
  SignalDataSet,
  SignalDataTypeMap,
  UserFacingSocketConfig,
  WASocket,
} from '@whiskeysockets/baileys';
import type { Agent } from 'node:https';
import { pino } from 'pino';
import type { SimPhone, WaSim } from './types.ts';
import { verifyXEdDSA } from './xeddsa.ts';

/** Writes the simulator's root key into the `WA_CERT_DETAILS` object Baileys' noise handler reads. */
export function trustSimRootKey(sim: Pick<WaSim, 'rootPublicKey'>): void {
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(sim.rootPublicKey);
}

/**
 * Replaces `Curve.verify` (a no-op in rc14: it ignores libsignal's boolean) with a strict XEdDSA check, so
 * every certificate and ADV signature the simulator makes is proven valid. Returns an undo function.
 */
export function installStrictXEdDSAVerifier(): () => void {
  const original = Curve.verify;
  Curve.verify = verifyXEdDSA;
  return () => {
    Curve.verify = original;
  };
}

const LIBSIGNAL_NOISE = [
  /^Closing (open )?session/,
  /^Session already closed/,
  /^Decrypted message with closed session/,
  /^Migrating session/,
  /^Removing old closed session/,
];
let consoleFilterInstalled = false;

/** Drops libsignal's console chatter (whole session objects on every re-key); idempotent. */
export function installLibsignalConsoleFilter(): void {
  if (consoleFilterInstalled) return;
  consoleFilterInstalled = true;
  for (const level of ['info', 'warn', 'log'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && LIBSIGNAL_NOISE.some((re) => re.test(args[0] as string)))
        return;
      original(...args);
    };
  }
}

/** An in-memory Baileys auth state; reuse it across sockets to reconnect with the saved creds. */
export function makeMemoryAuthState(): AuthenticationState {
  const data = new Map<string, unknown>();
  return {
    creds: initAuthCreds(),
    keys: {
      get: <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
        const out: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const value = data.get(`${type}/${id}`);
          if (value !== undefined) out[id] = value as SignalDataTypeMap[T];
        }
        return out;
      },
      set: (set: SignalDataSet) => {
        for (const [type, entries] of Object.entries(set)) {
          for (const [id, value] of Object.entries(entries ?? {})) {
            if (value) data.set(`${type}/${id}`, value);
            else data.delete(`${type}/${id}`);
          }
        }
      },
    },
  };
}

/** Baileys config pointing at the simulator: loopback URL, trusted media, silent logger, no version lookup. */
export function simSocketConfig(
  sim: WaSim,
  auth: AuthenticationState,
  overrides: Partial<UserFacingSocketConfig> = {},
): UserFacingSocketConfig {
  return {
    auth,
    version: DEFAULT_CONNECTION_CONFIG.version,
    waWebSocketUrl: sim.url,
    logger: pino({ level: 'silent' }),
    fetchAgent: sim.media.fetchAgent as Agent,
    options: { dispatcher: sim.media.dispatcher } as RequestInit,
    markOnlineOnConnect: false,
    // Without a phone-sent history sync, a first connection would buffer events for 20 s.
    shouldSyncHistoryMessage: () => false,
    ...overrides,
  };
}

/** Creates a Baileys socket against the simulator (trusting its root key); does not wait. */
export function createBaileysSocket(
  sim: WaSim,
  auth: AuthenticationState,
  overrides?: Partial<UserFacingSocketConfig>,
): WASocket {
  installLibsignalConsoleFilter();
  trustSimRootKey(sim);
  return makeWASocket(simSocketConfig(sim, auth, overrides));
}

/** The Baileys status code of a close, from `lastDisconnect.error` (a Boom). */
export function statusCodeOf(error: unknown): number | undefined {
  return (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
}

/** Resolves with the next QR, or rejects if the socket closes first. */
export function nextQr(sock: WASocket, timeoutMs = 10_000): Promise<string> {
  return waitForUpdate(sock, timeoutMs, (u) => u.qr);
}

/** Resolves with the status code of the socket's close. */
export function closeCode(sock: WASocket, timeoutMs = 15_000): Promise<number | undefined> {
  return waitForUpdate(
    sock,
    timeoutMs,
    (u) => (u.connection === 'close' ? { code: statusCodeOf(u.lastDisconnect?.error) } : undefined),
    true,
  ).then((r) => r.code);
}

/** Resolves when the socket reaches `open`; rejects with the status code if it closes first. */
export function waitForOpen(sock: WASocket, timeoutMs = 15_000): Promise<void> {
  return waitForUpdate(sock, timeoutMs, (u) => (u.connection === 'open' ? true : undefined)).then(
    () => undefined,
  );
}

type Update = Parameters<Parameters<WASocket['ev']['on']>[1]>[0] & {
  connection?: string;
  qr?: string;
  lastDisconnect?: { error?: unknown };
};

/** Waits for a `connection.update` for which `pick` returns a value; closes reject unless `closeIsResult`. */
function waitForUpdate<T>(
  sock: WASocket,
  timeoutMs: number,
  pick: (u: Update) => T | undefined,
  closeIsResult = false,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no matching connection.update within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const listener = (update: Update) => {
      const value = pick(update);
      if (value !== undefined) return finish(() => resolve(value));
      if (!closeIsResult && update.connection === 'close') {
        finish(() =>
          reject(
            new Error(
              `connection closed with status ${statusCodeOf(update.lastDisconnect?.error)}`,
            ),
          ),
        );
      }
    };
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      sock.ev.off('connection.update', listener);
      settle();
    };
    sock.ev.on('connection.update', listener);
  });
}

/** Connects with existing (paired) creds and waits for `open`. */
export async function connectBaileys(
  sim: WaSim,
  auth: AuthenticationState,
  overrides?: Partial<UserFacingSocketConfig>,
): Promise<WASocket> {
  const sock = createBaileysSocket(sim, auth, overrides);
  await waitForOpen(sock);
  return sock;
}

/** Pairs a fresh companion by QR (connect → qr → scan → 515) and reconnects it to `open`. */
export async function linkCompanion(
  sim: WaSim,
  phone: SimPhone,
  overrides?: Partial<UserFacingSocketConfig>,
): Promise<{ sock: WASocket; auth: AuthenticationState }> {
  const auth = makeMemoryAuthState();
  const registering = createBaileysSocket(sim, auth, overrides);
  const closed = closeCode(registering);
  await phone.scanQr(await nextQr(registering));
  const code = await closed;
  if (code !== 515) throw new Error(`expected the 515 restart after pairing, got ${code}`);
  return { sock: await connectBaileys(sim, auth, overrides), auth };
}
