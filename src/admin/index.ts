/**
 * The admin web UI (SPEC §7), built once from the app's services. `createApp` mounts its
 * middleware (session, security headers, the auth + CSRF gate) and routers through
 * `createHttpApp`, and main.ts prints `createSetupLink()` at first boot.
 */
import { createHmac } from 'node:crypto';
import type { Middleware } from 'koa';
import type Router from '@koa/router';
import type { Config } from '../config.ts';
import type { DomainKeys } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import type { HtmlErrorRenderer } from '../http/middleware/error-handler.ts';
import { authRoutes } from '../http/routes/admin/auth.ts';
import { composeRoutes } from '../http/routes/admin/compose.ts';
import { dashboardRoutes } from '../http/routes/admin/dashboard.ts';
import { insightRoutes } from '../http/routes/admin/insights.ts';
import { pairingRoutes } from '../http/routes/admin/pairing.ts';
import { recipientRoutes } from '../http/routes/admin/recipients.ts';
import { settingsRoutes } from '../http/routes/admin/settings.ts';
import type { Logger } from '../logger.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { createAdminAccounts } from './accounts.ts';
import { loadAssets } from './assets.ts';
import { adminCsp } from './csp.ts';
import type { AdminDeps } from './deps.ts';
import { adminGuard } from './guard.ts';
import { createHtmlErrorRenderer } from './html-errors.ts';
import { createLiveEvents } from './live-events.ts';
import { createLoginLimiter } from './login-limiter.ts';
import { createMessaging } from './messaging.ts';
import { createPairingView } from './pairing-view.ts';
import { createRecipients } from './recipients.ts';
import { adminSession } from './session.ts';
import { createSessionStore } from './session-store.ts';
import { createSettingsService, type KeyVerifier } from './settings-service.ts';
import { createSetupTokens } from './setup-link.ts';
import { createSsoSignIn } from './sso.ts';
import { createViews } from './views.ts';
import { createWebhookSecrets } from './webhook-secrets.ts';

/** What the admin UI is built from. */
export interface AdminUiOptions {
  config: Config;
  db: Database;
  logger: Logger;
  keys: DomainKeys;
  settings: OwnerSettings;
  transport: WhatsAppTransport;
  /**
   * True when `WEBHOOK_SECRET` came from the real environment (not `data/secrets.json`); then
   * rotation in the UI is refused. Default: `config.fromEnv.has('WEBHOOK_SECRET')`, which is also
   * true for a secrets-file value, so pass the real answer from main.ts.
   */
  webhookSecretFromEnv?: boolean;
  /** Replaces the host ping that verifies an owner API key (tests). */
  verifyKey?: KeyVerifier;
}

/** The admin UI's pieces, for `createHttpApp` and main.ts. */
export interface AdminUi {
  middleware: Middleware[];
  routers: Router[];
  cookieKeys: string[];
  renderHtmlError: HtmlErrorRenderer;
  /** A one-time setup URL when no admin exists yet (replacing any earlier one), else null. */
  createSetupLink(): Promise<string | null>;
  /** Webhook secrets to accept, newest first (current, then the previous one for 24 h after a rotation). */
  webhookSecrets(): Promise<string[]>;
  /** Ends live streams and timers. */
  close(): void;
}

const PRUNE_MS = 60 * 60 * 1000;

/** Builds the admin UI. */
export function createAdminUi(options: AdminUiOptions): AdminUi {
  const { config, db, logger, settings, transport } = options;
  const hostServerFromEnv = config.fromEnv.has('HOST_SERVER');
  const sessionStore = createSessionStore(db);
  const secrets = createWebhookSecrets({
    db,
    sealKey: options.keys['owner-api-key'],
    bootSecret: config.webhookSecret,
    bootSecretFromEnv: options.webhookSecretFromEnv ?? config.fromEnv.has('WEBHOOK_SECRET'),
  });
  const assets = loadAssets();
  const views = createViews(assets);
  const live = createLiveEvents();
  const setupTokens = createSetupTokens(db);
  const accounts = createAdminAccounts(db);
  const deps: AdminDeps = {
    config,
    db,
    logger: logger.child({ module: 'admin' }),
    settings,
    transport,
    hostServerFromEnv,
    views,
    assets,
    live,
    pairing: createPairingView(transport, live),
    accounts,
    loginLimiter: createLoginLimiter(db),
    setupTokens,
    sso: createSsoSignIn({ db, settings, webhookSecrets: () => secrets.all() }),
    secrets,
    applySettings: createSettingsService({
      db,
      settings,
      hostServerFromEnv,
      verifyKey: options.verifyKey,
    }),
    recipients: createRecipients(db, (key) => settings.hashRecipientApiKey(key)),
    messaging: createMessaging({
      db,
      transport,
      settings,
      rateLimit: config.messageRateLimit,
      attachmentRoots: config.attachmentRoots,
    }),
  };
  const pruner = setInterval(() => void sessionStore.prune().catch(() => undefined), PRUNE_MS);
  pruner.unref();
  const cookieKey = createHmac('sha256', options.keys['api-key-hash'])
    .update('admin-session-cookie')
    .digest('base64url');
  return {
    middleware: [
      adminSession({ store: sessionStore, secureCookies: config.secureCookies }),
      adminCsp({ publicUrl: config.publicUrl, hostServer: () => settings.getHostServer() }),
      adminGuard(),
    ],
    routers: [
      authRoutes,
      dashboardRoutes,
      pairingRoutes,
      settingsRoutes,
      recipientRoutes,
      composeRoutes,
      insightRoutes,
    ].map((build) => build(deps)),
    cookieKeys: [cookieKey],
    renderHtmlError: createHtmlErrorRenderer(views),
    async createSetupLink() {
      if (await accounts.exists()) return null;
      return `${config.publicUrl}/whatsapp/setup?token=${await setupTokens.issue()}`;
    },
    webhookSecrets: () => secrets.all(),
    close() {
      clearInterval(pruner);
      live.close();
      deps.pairing.close();
    },
  };
}
