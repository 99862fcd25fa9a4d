/**
 * Builds the real sidecar (real Baileys link, real SQLite file) wired to a running WhatsApp
 * simulator, for the end-to-end suites. Nothing here is a fake: only the WhatsApp server is local.
 */
import { createApp, type App, type AppOverrides } from '../../src/app.ts';
import type { LinkState, PairingEvent, WhatsAppTransport } from '../../src/whatsapp/transport.ts';
import { buildTestConfig } from './config.ts';
import { installLibsignalConsoleFilter, type SimPhone, type WaSim } from './wa-sim/index.ts';

/** Options for {@link startE2eApp}. */
export interface E2eAppOptions {
  env?: Record<string, string>;
  keepAliveIntervalMs?: number;
  link?: AppOverrides['whatsappLink'];
}

/** Creates the app in `dir` against `sim`; the same `dir` again reuses the database (a restart). */
export async function startE2eApp(
  dir: string,
  sim: WaSim,
  options: E2eAppOptions = {},
): Promise<App> {
  installLibsignalConsoleFilter();
  const config = buildTestConfig(dir, {
    WHATSAPP_SERVER_URL: sim.url,
    WHATSAPP_SERVER_ROOT_KEY: sim.rootPublicKeyHex,
    ...options.env,
  });
  return createApp(config, {
    whatsappLink: {
      socketOverrides: {
        fetchAgent: sim.media.fetchAgent as never,
        options: { dispatcher: sim.media.dispatcher } as never,
        ...(options.keepAliveIntervalMs
          ? { keepAliveIntervalMs: options.keepAliveIntervalMs }
          : {}),
      },
      ...options.link,
    },
  });
}

/** Resolves when the transport reaches `state` (immediately if it is there already). */
export function waitForState(
  transport: WhatsAppTransport,
  state: LinkState,
  timeoutMs = 15_000,
): Promise<void> {
  if (transport.state() === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`link stayed ${transport.state()}, expected ${state}`));
    }, timeoutMs);
    const off = transport.onStateChange((change) => {
      if (change.state !== state) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Resolves with the next pairing event of `kind`. */
export function nextPairingEvent<K extends PairingEvent['kind']>(
  transport: WhatsAppTransport,
  kind: K,
  timeoutMs = 15_000,
): Promise<Extract<PairingEvent, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${kind} pairing event`));
    }, timeoutMs);
    const off = transport.onPairing((event) => {
      if (event.kind !== kind) return;
      clearTimeout(timer);
      off();
      resolve(event as Extract<PairingEvent, { kind: K }>);
    });
  });
}

/** Pairs the app's link with `phone` by QR, as the admin page and the phone would, and waits for open. */
export async function pairByQr(app: App, phone: SimPhone): Promise<void> {
  const qr = nextPairingEvent(app.whatsapp, 'qr');
  const opened = waitForState(app.whatsapp, 'open');
  await app.whatsapp.startPairing({ method: 'qr' });
  await phone.scanQr((await qr).qr);
  await opened;
}
