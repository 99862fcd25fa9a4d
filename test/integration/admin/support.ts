/**
 * Builds the real app (SQLite in a temp dir, the fake transport) with the admin UI mounted the
 * way createApp will mount it, and a supertest agent that keeps cookies.
 */
import supertest from 'supertest';
import type Koa from 'koa';
import { createApp, type App } from '../../../src/app.ts';
import { createAdminUi, type AdminUi, type AdminUiOptions } from '../../../src/admin/index.ts';
import { createAdminAccounts } from '../../../src/admin/accounts.ts';
import { createHttpApp } from '../../../src/http/server.ts';
import type { LinkState, PairingEvent } from '../../../src/whatsapp/transport.ts';
import { buildTestConfig, makeTempDir } from '../../support/config.ts';
import { createFakeTransport, type FakeTransport } from '../../support/fake-transport.ts';

/** The admin password tests sign in with. */
export const PASSWORD = 'correct horse battery';
/** The admin username tests sign in with. */
export const USERNAME = 'admin';

/** A running admin app for one test. */
export interface AdminHarness {
  app: App;
  admin: AdminUi;
  koa: Koa;
  transport: FakeTransport;
  /** Pushes a pairing event as the link would (the fake has no knob for it). */
  emitPairing(event: PairingEvent): void;
  /** Pairing requests the routes made. */
  pairingRequests: unknown[];
  /** A fresh cookie-keeping client. */
  agent(): ReturnType<typeof supertest.agent>;
  close(): Promise<void>;
}

/** Options of {@link startAdmin}. */
export interface HarnessOptions {
  env?: Record<string, string>;
  state?: LinkState;
  admin?: Partial<Pick<AdminUiOptions, 'verifyKey' | 'webhookSecretFromEnv'>>;
  withAccount?: boolean;
}

/** Starts the app and mounts the admin UI. */
export async function startAdmin(options: HarnessOptions = {}): Promise<AdminHarness> {
  const dir = makeTempDir('oaw-admin-');
  const config = buildTestConfig(dir.path, options.env ?? {});
  const transport = createFakeTransport(options.state ?? 'open');
  const app = await createApp(config, { transport });
  const listeners = new Set<(event: PairingEvent) => void>();
  transport.onPairing = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const pairingRequests: unknown[] = [];
  const startPairing = transport.startPairing.bind(transport);
  transport.startPairing = (request) => {
    pairingRequests.push(request);
    return startPairing(request);
  };
  const admin = createAdminUi({
    config,
    db: app.db,
    logger: app.logger,
    keys: app.keys,
    settings: app.settings,
    transport,
    webhookSecretFromEnv: false,
    ...options.admin,
  });
  const koa = createHttpApp({
    logger: app.logger,
    routers: admin.routers,
    middleware: admin.middleware,
    cookieKeys: admin.cookieKeys,
    renderHtmlError: admin.renderHtmlError,
  });
  if (options.withAccount !== false) {
    await createAdminAccounts(app.db).setPassword(USERNAME, PASSWORD);
  }
  return {
    app,
    admin,
    koa,
    transport,
    emitPairing: (event) => listeners.forEach((listener) => listener(event)),
    pairingRequests,
    agent: () => supertest.agent(koa.callback()),
    async close() {
      admin.close();
      await app.close();
      dir.cleanup();
    },
  };
}

/** Signs an agent in through the JSON login; resolves with the session's CSRF token. */
export async function signIn(
  agent: ReturnType<typeof supertest.agent>,
  password = PASSWORD,
): Promise<string> {
  const token = (await agent.get('/whatsapp/csrf-token').expect(200)).body.csrf_token as string;
  const response = await agent
    .post('/whatsapp/login')
    .set('X-CSRF-Token', token)
    .send({ username: USERNAME, password })
    .expect(200);
  return response.body.data.csrf_token as string;
}
