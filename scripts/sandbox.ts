/**
 * `npm run sandbox`: the sidecar wired to the WhatsApp simulator and the host simulator, plus a
 * "simulated phone" page, so anyone can try pairing, alerts and commands with no phone and no risk
 * to a real account. Everything listens on 127.0.0.1; data lives in ./data/sandbox.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureSecrets } from '../src/config/secrets-file.ts';
import { createRootLogger } from '../src/logger.ts';
import { createEventSender, startHostSim } from '../test/support/host-sim/index.ts';
import { installLibsignalConsoleFilter, startWaSim } from '../test/support/wa-sim/index.ts';
import { createPhoneState } from './sandbox/phone-state.ts';
import { startPhoneServer } from './sandbox/phone-server.ts';

const basePort = Number(process.env.SANDBOX_PORT ?? 5055);
const OWNER_PHONE = '919876543210';
const OWNER_USERNAME = 'trader1';

async function main(): Promise<void> {
  installLibsignalConsoleFilter();
  const dataDir = resolve('data', 'sandbox');
  // The simulator is new on every run, so a stored session would point at nothing: start fresh.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sim = await startWaSim();
  const phone = await sim.createPhone({ phoneNumber: OWNER_PHONE, pushName: 'Sandbox trader' });
  const host = await startHostSim();
  const env: Record<string, string> = {
    PORT: String(basePort),
    DATABASE_URL: `sqlite:${resolve(dataDir, 'sandbox.db')}`,
    HOST_SERVER: host.url,
    WHATSAPP_SERVER_URL: sim.url,
    WHATSAPP_SERVER_ROOT_KEY: sim.rootPublicKeyHex,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    LOG_FORMAT: 'pretty',
  };
  const config = loadConfig({ ...env, ...ensureSecrets(env, dataDir).values }, { cwd: dataDir });
  const logger = createRootLogger({ level: config.logLevel, format: config.logFormat });
  const app = await createApp(config, {
    logger,
    whatsappLink: {
      socketOverrides: {
        fetchAgent: sim.media.fetchAgent as never,
        options: { dispatcher: sim.media.dispatcher } as never,
      },
    },
  });
  await app.settings.setOwnerUsername(OWNER_USERNAME);
  await app.settings.setOwnerApiKey(host.apiKey);
  await app.listen();
  const sender = createEventSender({
    targetUrl: `${config.publicUrl}/webhooks/openalgo`,
    secret: config.webhookSecret,
  });
  const phoneServer = await startPhoneServer(
    {
      app,
      phone,
      state: createPhoneState(app, phone),
      sender,
      adminUrl: `${config.publicUrl}/whatsapp`,
    },
    basePort + 1,
  );
  printUrls(config.publicUrl, basePort + 1, host.url, sim.url);
  const setupLink = await app.admin.createSetupLink();
  if (setupLink) process.stdout.write(`First, set the admin password: ${setupLink}\n\n`);
  const stop = () => {
    void (async () => {
      phoneServer.close();
      await app.close();
      await host.close();
      await sim.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function printUrls(sidecar: string, phonePort: number, hostUrl: string, simUrl: string): void {
  process.stdout.write(
    [
      '',
      'openalgo-whatsapp sandbox (nothing here talks to WhatsApp or a broker)',
      `  admin page        ${sidecar}/whatsapp`,
      `  simulated phone   http://127.0.0.1:${phonePort}/`,
      `  host simulator    ${hostUrl}`,
      `  WhatsApp sim      ${simUrl}`,
      '',
      'Pair from the admin page, press "Scan" on the phone page, then type /help on the phone.',
      'Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
