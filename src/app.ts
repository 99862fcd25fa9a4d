import type { Server } from 'node:http';
import type Koa from 'koa';
import type { AdminUi } from './admin/index.ts';
import type { AlertService } from './alerts/service.ts';
import { buildFeatures, type Features } from './app/features.ts';
import { buildFoundation, type Foundation } from './app/foundation.ts';
import type { AppOverrides } from './app/overrides.ts';
import type { Config } from './config.ts';
import type { DomainKeys } from './crypto/index.ts';
import type { Database } from './db/index.ts';
import type { Lifecycle } from './http/lifecycle.ts';
import { closeServer, listen } from './http/listen.ts';
import { healthRoutes } from './http/routes/health.ts';
import { createHttpApp } from './http/server.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { OwnerSettings } from './settings/owner-settings.ts';
import type { WhatsAppTransport } from './whatsapp/transport.ts';

export type { AppOverrides } from './app/overrides.ts';

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

/** The Koa app: health routes, the webhook, notify and admin routers, admin sessions. */
function buildHttp(base: Foundation, features: Features): Koa {
  const { config, db, logger, manifest, metrics, whatsapp } = base;
  const { admin, alerts, notify } = features;
  return createHttpApp({
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
}

/**
 * Composition root (ARCHITECTURE principle 1): builds every service from the config and passes it
 * down; the only module-level state is the config and the root logger. Start-up order matters:
 * subscribers first, then the outbox reconciles, then the lifecycle opens, and only then may a
 * stored WhatsApp session reconnect (SPEC §8.2).
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const base = await buildFoundation(config, overrides);
  const features = buildFeatures(base, overrides);
  const koa = buildHttp(base, features);
  let server: Server | null = null;
  let closing: Promise<void> | null = null;

  async function shutdown(): Promise<void> {
    base.lifecycle.phase = 'stopping';
    // Live-update streams would otherwise hold server.close until the forced cut.
    features.admin.close();
    features.hostStatus.close();
    if (server) await closeServer(server);
    await features.alerts.stop();
    await base.whatsapp.close();
    await base.db.close();
  }

  await features.alerts.start();
  base.lifecycle.phase = 'ready';
  await base.link?.resume();
  const { link: _link, manifest: _manifest, ...exposed } = base;
  return {
    ...exposed,
    alerts: features.alerts,
    admin: features.admin,
    koa,
    callback: () => koa.callback(),
    listen: (port = config.port) => listen(koa, config.host, port).then((s) => (server = s)),
    close: () => (closing ??= shutdown()),
  };
}
