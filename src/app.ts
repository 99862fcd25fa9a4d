import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type Koa from 'koa';
import type { Config } from './config.ts';
import { deriveKeys, type DomainKeys } from './crypto/index.ts';
import { openDatabase, type Database } from './db/index.ts';
import { createLifecycle, type Lifecycle } from './http/lifecycle.ts';
import { healthRoutes } from './http/routes/health.ts';
import { createHttpApp } from './http/server.ts';
import { createRootLogger, type Logger } from './logger.ts';
import { loadManifest } from './manifest.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createOwnerSettings, type OwnerSettings } from './settings/owner-settings.ts';
import { createAdminUi, type AdminUi } from './admin/index.ts';
import { createAlertService, type AlertService } from './alerts/service.ts';
import { createCommandService } from './commands/index.ts';
import { createNotifyService } from './notify/index.ts';
import { createWhatsAppLink, type WhatsAppLinkOptions } from './whatsapp/index.ts';
import type { WhatsAppTransport } from './whatsapp/transport.ts';

/** Replaceable parts, for tests and the sandbox. Anything not given is built from the config. */
export interface AppOverrides {
  logger?: Logger;
  database?: Database;
  /** A ready transport instead of the real link (tests of the code behind the port only). */
  transport?: WhatsAppTransport;
  /** Tuning of the real link (e2e tests and the sandbox: simulator media trust, short keep-alive). */
  /**
   * Whether WEBHOOK_SECRET came from the real environment (then the admin page cannot rotate it).
   * Default: `config.fromEnv`, which also counts a value read from data/secrets.json.
   */
  webhookSecretFromEnv?: boolean;
  whatsappLink?: Partial<
    Pick<WhatsAppLinkOptions, 'socketOverrides' | 'versionLookup' | 'backoff' | 'autoConnect'>
  >;
}

/** A fully wired sidecar. `listen` serves it; `close` releases everything it opened. */
export interface App {
  config: Config;
  logger: Logger;
  db: Database;
  /** Encryption keys derived once from the pepper and salt (SPEC §9). */
  keys: DomainKeys;
  metrics: Metrics;
  settings: OwnerSettings;
  /** The WhatsApp link behind its port. */
  whatsapp: WhatsAppTransport;
  /** Order-event ingest and the outbox drainer. */
  alerts: AlertService;
  /** The admin pages and JSON routes (setup link for first boot). */
  admin: AdminUi;
  lifecycle: Lifecycle;
  koa: Koa;
  /** The Node request handler (for supertest and custom servers). */
  callback(): ReturnType<Koa['callback']>;
  /** Starts the HTTP server on the configured host and port (port 0 picks a free one). */
  listen(port?: number): Promise<Server>;
  /** Stops accepting requests, finishes in-flight ones, then closes the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Composition root (ARCHITECTURE principle 1): builds every service from the config and passes it
 * down. Module-level singletons are limited to nothing but this function's arguments.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger =
    overrides.logger ?? createRootLogger({ level: config.logLevel, format: config.logFormat });
  const keys = await deriveKeys(config.apiKeyPepper, config.fernetSalt);
  const db = overrides.database ?? (await openDatabase({ databaseUrl: config.databaseUrl }));
  const metrics = createMetrics();
  const lifecycle = createLifecycle();
  const manifest = loadManifest();
  const settings = createOwnerSettings({
    db,
    keys,
    hostServer: config.hostServer,
    hostServerFromEnv: config.fromEnv.has('HOST_SERVER'),
  });
  const link = overrides.transport
    ? null
    : await createWhatsAppLink({
        db,
        keys,
        logger,
        registry: metrics.registry,
        serverUrl: config.whatsappServerUrl,
        rootKeyHex: config.whatsappServerRootKey,
        versionLookup: config.whatsappServerRootKey === null,
        ...overrides.whatsappLink,
      });
  const whatsapp: WhatsAppTransport = overrides.transport ?? link!;
  const commands = createCommandService({ db, transport: whatsapp, settings, logger });
  whatsapp.onInbound(commands.handleInbound);
  const admin = createAdminUi({
    config,
    db,
    logger,
    keys,
    settings,
    transport: whatsapp,
    webhookSecretFromEnv: overrides.webhookSecretFromEnv ?? config.fromEnv.has('WEBHOOK_SECRET'),
  });
  const alerts = createAlertService({
    db,
    transport: whatsapp,
    settings,
    logger,
    registry: metrics.registry,
    config,
    lifecycle,
    webhookSecrets: () => admin.webhookSecrets(),
  });
  const notify = createNotifyService({
    db,
    transport: whatsapp,
    settings,
    config,
    logger,
    registry: metrics.registry,
    wakeOutbox: () => alerts.wake(),
    version: String(manifest.version),
  });
  const koa = createHttpApp({
    logger,
    routers: [
      healthRoutes({
        metrics,
        manifest,
        metricsToken: config.metricsToken,
        databaseReady: () => db.ping(),
        whatsappState: () => whatsapp.state(),
      }),
      alerts.router,
      notify.router,
      ...admin.routers,
    ],
    middleware: admin.middleware,
    cookieKeys: admin.cookieKeys,
    renderHtmlError: admin.renderHtmlError,
  });
  let server: Server | null = null;
  let closing: Promise<void> | null = null;

  async function shutdown(): Promise<void> {
    lifecycle.phase = 'stopping';
    // Live-update streams would otherwise hold server.close until the forced cut.
    admin.close();
    if (server) await closeServer(server);
    await alerts.stop();
    await whatsapp.close();
    await db.close();
  }

  // The outbox subscribes to link state and reconciles rows left in `sending` before anything runs.
  await alerts.start();
  lifecycle.phase = 'ready';
  // Only now, with every subscriber registered, may a stored session reconnect (SPEC §8.2).
  await link?.resume();
  return {
    config,
    logger,
    db,
    keys,
    metrics,
    settings,
    whatsapp,
    alerts,
    admin,
    lifecycle,
    koa,
    callback: () => koa.callback(),
    listen: (port = config.port) => listen(koa, config.host, port).then((s) => (server = s)),
    close: () => (closing ??= shutdown()),
  };
}

function listen(koa: Koa, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const handle = koa.callback();
    // Koa's handler settles its own promise (errors become responses), so nothing is left floating.
    const server = createServer((req, res) => void handle(req, res));
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Stops accepting connections and waits for in-flight requests; idle keep-alive sockets are closed
 * at once, and stragglers are cut after 10 s so a stuck client cannot block shutdown forever.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
