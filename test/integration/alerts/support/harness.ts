/**
 * One alert pipeline over a real SQLite file in a temp dir, the fake WhatsApp transport, a fake
 * clock and a real HTTP server (so the host simulator's signed sender can post to it).
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createAlertService, type AlertService } from '../../../../src/alerts/service.ts';
import { deriveKeys } from '../../../../src/crypto/index.ts';
import {
  openDatabase,
  OutboxMessage,
  WebhookEvent,
  type Database,
} from '../../../../src/db/index.ts';
import { createLifecycle, type Lifecycle } from '../../../../src/http/lifecycle.ts';
import { createHttpApp } from '../../../../src/http/server.ts';
import { createRootLogger } from '../../../../src/logger.ts';
import {
  createOwnerSettings,
  type OwnerSettings,
} from '../../../../src/settings/owner-settings.ts';
import type { LinkState } from '../../../../src/whatsapp/transport.ts';
import {
  buildTestConfig,
  makeTempDir,
  TEST_SECRETS,
  type TempDir,
} from '../../../support/config.ts';
import { createFakeTransport, type FakeTransport } from '../../../support/fake-transport.ts';
import {
  createEventSender,
  DEFAULT_EVENT_TIMESTAMP,
  DEFAULT_USERNAME,
  type EventSender,
} from '../../../support/host-sim/index.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';

/** Half a second after the default event time: alerts are fresh unless a test moves the clock. */
export const START_TIME = Date.parse(DEFAULT_EVENT_TIMESTAMP) + 500;

/** Everything a test touches. */
export interface Harness {
  dir: TempDir;
  db: Database;
  transport: FakeTransport;
  clock: FakeClock;
  registry: Registry;
  settings: OwnerSettings;
  lifecycle: Lifecycle;
  service: AlertService;
  sender: EventSender;
  url: string;
  /** Builds a second service over the same database (a restart), replacing `service`. */
  restart(): Promise<AlertService>;
  outbox(): Promise<OutboxMessage[]>;
  ledger(): Promise<WebhookEvent[]>;
  close(): Promise<void>;
}

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  transportState?: LinkState;
  env?: Record<string, string>;
  /** Owner's host username; default the event factory's user. */
  ownerUsername?: string | null;
  startTime?: number;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}

/** Opens the database, builds the service and serves its router. The service is not started. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = makeTempDir('oaw-alerts-');
  const config = buildTestConfig(dir.path, options.env);
  const db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 'alerts.db')}` });
  const keys = await deriveKeys(TEST_SECRETS.API_KEY_PEPPER, TEST_SECRETS.FERNET_SALT);
  const settings = createOwnerSettings({
    db,
    keys,
    hostServer: config.hostServer,
    hostServerFromEnv: false,
  });
  const owner = options.ownerUsername === undefined ? DEFAULT_USERNAME : options.ownerUsername;
  if (owner !== null) await settings.setOwnerUsername(owner);
  const transport = createFakeTransport(options.transportState ?? 'open');
  const clock = createFakeClock(options.startTime ?? START_TIME);
  const logger = createRootLogger({ level: 'silent', format: 'json' });
  const lifecycle = createLifecycle();
  lifecycle.phase = 'ready';
  const build = (registry: Registry) =>
    createAlertService({ db, transport, settings, logger, registry, config, lifecycle, clock });
  const registry = new Registry();
  // The route is looked up per request, so a restart swaps the service behind the same URL.
  const app = createHttpApp({ logger, routers: [] });
  app.use(async (ctx, next) => {
    await harness.service.router.routes()(ctx as never, next);
  });
  const server = createServer((req, res) => void app.callback()(req, res));
  const url = await listen(server);
  const harness: Harness = {
    dir,
    db,
    transport,
    clock,
    registry,
    settings,
    lifecycle,
    service: build(registry),
    url,
    sender: createEventSender({
      targetUrl: `${url}/webhooks/openalgo`,
      secret: TEST_SECRETS.WEBHOOK_SECRET,
    }),
    async restart() {
      await harness.service.stop();
      harness.registry = new Registry();
      harness.service = build(harness.registry);
      return harness.service;
    },
    outbox: () => db.em().find(OutboxMessage, {}, { orderBy: { id: 'asc' } }),
    ledger: () => db.em().find(WebhookEvent, {}, { orderBy: { receivedAt: 'asc' } }),
    async close() {
      await harness.service.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      dir.cleanup();
    },
  };
  return harness;
}
