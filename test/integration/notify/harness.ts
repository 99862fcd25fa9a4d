/**
 * A notify API over HTTP for integration tests: real SQLite in a temp dir, the real settings store,
 * the fake transport, and the router mounted in the real Koa app (`createHttpApp`).
 */
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Koa from 'koa';
import request from 'supertest';
import { Registry } from 'prom-client';
import type { Config } from '../../../src/config.ts';
import { deriveKeys } from '../../../src/crypto/index.ts';
import { openDatabase, WhatsappUser, type Database } from '../../../src/db/index.ts';
import { createHttpApp } from '../../../src/http/server.ts';
import { createRootLogger } from '../../../src/logger.ts';
import { createNotifyService, type NotifyServiceDeps } from '../../../src/notify/index.ts';
import { createOwnerSettings, type OwnerSettings } from '../../../src/settings/owner-settings.ts';
import { buildTestConfig, makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';
import { createFakeTransport, type FakeTransport } from '../../support/fake-transport.ts';

export const NOTIFY = '/api/v1/whatsapp/notify';
export const OWNER_KEY = 'owner-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const RECIPIENT_KEY = 'recipient-key-aa11bb22cc33dd44ee55ff66';
export const RECIPIENT_USERNAME = 'alice';
export const RECIPIENT_JID = '918888777666@s.whatsapp.net';

/** A running notify API and its parts. */
export interface NotifyHarness {
  dir: TempDir;
  /** The one allowed attachments root (a real directory in the temp dir). */
  root: string;
  config: Config;
  db: Database;
  settings: OwnerSettings;
  transport: FakeTransport;
  registry: Registry;
  koa: Koa;
  /** How many times the outbox was woken. */
  wakes: number;
  /** `POST /api/v1/whatsapp/notify` with the owner key in the body (unless the body has one). */
  post(body: unknown, headers?: Record<string, string>): request.Test;
  /** Writes a file of `size` bytes under the root; returns its absolute path. */
  file(name: string, size?: number): string;
  close(): Promise<void>;
}

/** Options: env overrides for the config, service overrides, and proxy trust. */
export interface HarnessOptions {
  env?: Record<string, string>;
  service?: Partial<NotifyServiceDeps>;
  proxy?: boolean;
}

/** Builds the harness with the owner key stored and one linked recipient with its own key. */
export async function startNotify(options: HarnessOptions = {}): Promise<NotifyHarness> {
  const dir = makeTempDir('oaw-notify-');
  const root = join(dir.path, 'attachments');
  mkdirSync(root);
  const config = buildTestConfig(dir.path, {
    WHATSAPP_ATTACHMENT_ROOTS: root,
    WHATSAPP_RATE_LIMIT: '100000 per minute',
    ...options.env,
  });
  const db = await openDatabase({ databaseUrl: config.databaseUrl });
  const keys = await deriveKeys(TEST_SECRETS.API_KEY_PEPPER, TEST_SECRETS.FERNET_SALT);
  const settings = createOwnerSettings({
    db,
    keys,
    hostServer: config.hostServer,
    hostServerFromEnv: false,
  });
  await settings.setOwnerApiKey(OWNER_KEY);
  await linkRecipient(db, settings, RECIPIENT_USERNAME, RECIPIENT_JID, RECIPIENT_KEY);
  const transport = createFakeTransport();
  const registry = new Registry();
  const logger = createRootLogger({ level: 'silent', format: 'json' });
  const harness = { wakes: 0 } as NotifyHarness;
  const { router } = createNotifyService({
    db,
    transport,
    settings,
    config,
    logger,
    registry,
    wakeOutbox: () => (harness.wakes += 1),
    ...options.service,
  });
  const koa = createHttpApp({ logger, routers: [router], proxy: options.proxy ?? false });
  return Object.assign(harness, {
    dir,
    root,
    config,
    db,
    settings,
    transport,
    registry,
    koa,
    post: (body: unknown, headers: Record<string, string> = {}) =>
      request(koa.callback())
        .post(NOTIFY)
        .set({ 'Content-Type': 'application/json', ...headers })
        .send(JSON.stringify(withOwnerKey(body))),
    file: (name: string, size = 64) => {
      const path = join(root, name);
      writeFileSync(path, Buffer.alloc(size, 7));
      return path;
    },
    close: async () => {
      await db.close();
      dir.cleanup();
    },
  });
}

/** Adds the owner key to an object body that has no `apikey`; other bodies pass unchanged. */
function withOwnerKey(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return 'apikey' in body ? body : { apikey: OWNER_KEY, ...body };
}

/** Stores a linked recipient whose notify key is `apiKey`. */
export async function linkRecipient(
  db: Database,
  settings: OwnerSettings,
  username: string,
  jid: string,
  apiKey: string,
  isActive = true,
): Promise<void> {
  const em = db.em();
  em.create(WhatsappUser, {
    whatsappJid: jid,
    phoneNumber: jid.split('@')[0] ?? '',
    openalgoUsername: username,
    apiKeyHash: settings.hashRecipientApiKey(apiKey),
    isActive,
  });
  await em.flush();
}

/** Asserts the JSON error envelope with an exact message and status, and that nothing was sent. */
export function expectError(
  h: NotifyHarness,
  res: request.Response,
  status: number,
  message: string,
): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.body).to.include({ status: 'error', message });
  expect(res.body.code).to.match(/^[a-z_]+$/);
  expect(h.transport.sent).to.have.length(0);
}
