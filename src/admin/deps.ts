/** The services the admin routers share, built once by `createAdminUi`. */
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import type { AdminAccounts } from './accounts.ts';
import type { Assets } from './assets.ts';
import type { LiveEvents } from './live-events.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { Messaging } from './messaging.ts';
import type { PairingView } from './pairing-view.ts';
import type { Recipients } from './recipients.ts';
import type { ApplySettings } from './settings-service.ts';
import type { SetupTokens } from './setup-link.ts';
import type { SsoSignIn } from './sso.ts';
import type { Views } from './views.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

/** Everything a router may use. */
export interface AdminDeps {
  config: Config;
  db: Database;
  logger: Logger;
  settings: OwnerSettings;
  transport: WhatsAppTransport;
  hostServerFromEnv: boolean;
  views: Views;
  assets: Assets;
  live: LiveEvents;
  pairing: PairingView;
  accounts: AdminAccounts;
  loginLimiter: LoginLimiter;
  setupTokens: SetupTokens;
  sso: SsoSignIn;
  secrets: WebhookSecrets;
  applySettings: ApplySettings;
  recipients: Recipients;
  messaging: Messaging;
}
