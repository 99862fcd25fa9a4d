/**
 * A WhatsApp simulator with an owner's phone, and a temp directory whose SQLite database holds a
 * session paired with that phone (owner username and notify key set). A sidecar started on the
 * directory, in this process or as a child, resumes the session straight to `open`.
 */
import { join } from 'node:path';
import type { App } from '../../../src/app.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../config.ts';
import { pairByQr, startE2eApp, type E2eAppOptions } from '../e2e-app.ts';
import { startWaSim, type SimPhone, type WaSim } from '../wa-sim/index.ts';

/** The owner's host username: events for it are routed to the self-chat. */
export const OWNER_USERNAME = 'trader1';
/** The owner's notify API key. */
export const OWNER_API_KEY = 'reliability-owner-key-0123456789abcdef';
/** The owner's phone number on the simulator. */
export const OWNER_PHONE = '919876543210';

/** The simulator, the owner's phone and the paired database directory. */
export interface PairedRig {
  sim: WaSim;
  phone: SimPhone;
  dir: TempDir;
  /** The environment a child sidecar needs to reach the simulator and use the database. */
  childEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Short link backoff so reconnects after forced disconnects take milliseconds, not seconds. */
export const FAST_BACKOFF = { initialMs: 50, maxMs: 200, stableMs: 60_000 };

/** Tuning of the in-process sidecar's Baileys socket. */
export interface RigOptions {
  /**
   * Baileys' `defaultQueryTimeoutMs` (its default: 60 s). A query in flight when the socket ends
   * never hears the close (Baileys' `end()` drops the socket's close listeners first) and waits
   * this long, holding the send, and the outbox pass, that awaits it.
   */
  queryTimeoutMs?: number;
}

/** The link options of an in-process sidecar on `sim`, with {@link FAST_BACKOFF}. */
export function linkOptions(sim: WaSim, options: RigOptions = {}): E2eAppOptions['link'] {
  return {
    backoff: FAST_BACKOFF,
    socketOverrides: {
      fetchAgent: sim.media.fetchAgent as never,
      options: { dispatcher: sim.media.dispatcher } as never,
      ...(options.queryTimeoutMs ? { defaultQueryTimeoutMs: options.queryTimeoutMs } : {}),
    },
  };
}

/** Starts the simulator, pairs an in-process sidecar by QR, stores the owner settings. */
export async function pairedRig(options: RigOptions = {}): Promise<PairedRig & { app: App }> {
  const sim = await startWaSim({ stanzaLog: process.env.REL_STANZAS === '1' });
  const phone = await sim.createPhone({ phoneNumber: OWNER_PHONE });
  const dir = makeTempDir('oaw-rel-');
  const app = await startE2eApp(dir.path, sim, { link: linkOptions(sim, options) });
  await pairByQr(app, phone);
  await app.settings.setOwnerUsername(OWNER_USERNAME);
  await app.settings.setOwnerApiKey(OWNER_API_KEY);
  return {
    sim,
    phone,
    dir,
    app,
    childEnv: {
      ...TEST_SECRETS,
      DATABASE_URL: `sqlite:${join(dir.path, 'test.db')}`,
      WHATSAPP_SERVER_URL: sim.url,
      WHATSAPP_SERVER_ROOT_KEY: sim.rootPublicKeyHex,
    },
    async close() {
      await app.close();
      await sim.close();
      dir.cleanup();
    },
  };
}

/** Starts the in-process sidecar again on the rig's database. */
export function restartInProcess(
  rig: PairedRig,
  env: Record<string, string> = {},
  options: RigOptions = {},
): Promise<App> {
  return startE2eApp(rig.dir.path, rig.sim, { env, link: linkOptions(rig.sim, options) });
}
