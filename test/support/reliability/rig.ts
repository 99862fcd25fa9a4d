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

/** Starts the simulator, pairs an in-process sidecar by QR, stores the owner settings. */
export async function pairedRig(): Promise<PairedRig & { app: App }> {
  const sim = await startWaSim({ stanzaLog: process.env.REL_STANZAS === '1' });
  const phone = await sim.createPhone({ phoneNumber: OWNER_PHONE });
  const dir = makeTempDir('oaw-rel-');
  const app = await startE2eApp(dir.path, sim, { link: { backoff: FAST_BACKOFF } });
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

/** Restarts the in-process sidecar on the rig's database (e.g. with other options). */
export function restartInProcess(rig: PairedRig, options: E2eAppOptions = {}): Promise<App> {
  return startE2eApp(rig.dir.path, rig.sim, {
    ...options,
    link: { backoff: FAST_BACKOFF, ...options.link },
  });
}
