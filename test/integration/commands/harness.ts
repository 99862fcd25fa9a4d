/**
 * One sidecar command stack for integration tests: a real SQLite file, the real owner settings,
 * the real host client against the host simulator over HTTP, the fake WhatsApp transport, an
 * injected clock and a captured log.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createCommandService, type CommandServiceOptions } from '../../../src/commands/index.ts';
import { deriveKeys, type DomainKeys } from '../../../src/crypto/index.ts';
import { CommandLog, openDatabase, type Database } from '../../../src/db/index.ts';
import { createRootLogger } from '../../../src/logger.ts';
import { createOwnerSettings, type OwnerSettings } from '../../../src/settings/owner-settings.ts';
import type { InboundMessage } from '../../../src/whatsapp/transport.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';
import { createFakeTransport, type FakeTransport } from '../../support/fake-transport.ts';
import { startHostSim, type HostSim, type HostSimOptions } from '../../support/host-sim/index.ts';

let cachedKeys: Promise<DomainKeys> | null = null;

/** A running stack; `close` releases everything. */
export interface Harness {
  db: Database;
  sim: HostSim;
  transport: FakeTransport;
  settings: OwnerSettings;
  /** Current clock reading; move it with `advance`. */
  now(): Date;
  advance(ms: number): void;
  /** Delivers a message (sent "now" by default) and returns the replies it produced. */
  command(text: string, overrides?: Partial<InboundMessage>): Promise<string[]>;
  /** Every log line so far, raw JSON text. */
  logText(): string;
  auditRows(): Promise<CommandLog[]>;
  close(): Promise<void>;
}

/** Options: host simulator settings, a host URL override, service overrides, key or no key. */
export interface HarnessOptions {
  sim?: HostSimOptions;
  hostUrl?: string;
  withApiKey?: boolean;
  service?: Partial<Omit<CommandServiceOptions, 'db' | 'transport' | 'settings' | 'logger'>>;
}

/** Starts a harness. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir: TempDir = makeTempDir('oaw-cmd-');
  const db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 'cmd.db')}` });
  const sim = await startHostSim(options.sim);
  cachedKeys ??= deriveKeys(TEST_SECRETS.API_KEY_PEPPER, TEST_SECRETS.FERNET_SALT);
  const settings = createOwnerSettings({
    db,
    keys: await cachedKeys,
    hostServer: options.hostUrl ?? sim.url,
    hostServerFromEnv: true,
  });
  if (options.withApiKey !== false) await settings.setOwnerApiKey(sim.apiKey);
  await settings.setOwnerUsername('trader1');
  const logChunks: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logChunks.push(chunk.toString('utf8')));
  const logger = createRootLogger({ level: 'trace', format: 'json', destination: stream });
  let current = new Date('2026-08-24T04:00:00Z');
  const transport = createFakeTransport();
  const service = createCommandService({
    db,
    transport,
    settings,
    logger,
    clock: () => current,
    ...options.service,
  });
  transport.onInbound(service.handleInbound);
  return {
    db,
    sim,
    transport,
    settings,
    now: () => current,
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
    async command(text, overrides = {}) {
      const before = transport.sent.length;
      await transport.deliver({ ...overrides, text, sentAt: overrides.sentAt ?? current });
      return transport.sent
        .slice(before)
        .map((sent) => (sent.content.type === 'text' ? sent.content.text : ''));
    },
    logText: () => logChunks.join(''),
    auditRows: () => db.em().find(CommandLog, {}, { orderBy: { id: 'asc' } }),
    async close() {
      await sim.close();
      await db.close();
      dir.cleanup();
    },
  };
}
