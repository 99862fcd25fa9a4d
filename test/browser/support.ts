/**
 * Browser-test harness: the real app (real Baileys link, real SQLite) against the WhatsApp
 * simulator, with the admin UI mounted as createApp mounts it, served on a loopback port, and
 * Debian's Chromium driven by playwright-core.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import jsqrModule from 'jsqr';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { App } from '../../src/app.ts';
import type { AdminUi } from '../../src/admin/index.ts';
import { makeTempDir, type TempDir } from '../support/config.ts';
import { startHostSim, type HostSim } from '../support/host-sim/index.ts';
import { startE2eApp } from '../support/e2e-app.ts';
import { startWaSim, type WaSim } from '../support/wa-sim/index.ts';

/** Where page screenshots go for review (PNGs are gitignored). */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Chromium flags for a headless, quiet, sandbox-free run in CI containers. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Everything a browser test drives. */
export interface BrowserRig {
  sim: WaSim;
  /** The host the settings page verifies the owner API key against (its key: {@link HOST_API_KEY}). */
  host: HostSim;
  app: App;
  admin: AdminUi;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The API key the host simulator accepts (the settings test saves it). */
export const HOST_API_KEY = 'good-key-9876';

/** Starts simulator, app, admin UI, HTTP server and Chromium. */
export async function startRig(): Promise<BrowserRig> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const sim = await startWaSim();
  const dir: TempDir = makeTempDir('oaw-browser-');
  const host = await startHostSim({ apiKey: HOST_API_KEY });
  // The app exactly as production builds it (admin UI included), on a free loopback port.
  const app = await startE2eApp(dir.path, sim, { env: { HOST_SERVER: host.url } });
  const server = await app.listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    sim,
    host,
    app,
    admin: app.admin,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await host.close();
      await sim.close();
      dir.cleanup();
    },
  };
}

/** Saves a full-page screenshot for review and returns its bytes. */
export async function snap(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

// jsqr is CommonJS with an `exports.default`; under nodenext typing only that property is callable.
const jsQR = jsqrModule.default;

/** Decodes the first QR code found in a PNG screenshot. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return result?.data ?? null;
}

/** Signs in through the login form. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/whatsapp/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([
    page.waitForURL(`${baseUrl}/whatsapp`),
    page.click('button[type=submit].primary'),
  ]);
}
