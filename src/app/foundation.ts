import type { Config } from '../config.ts';
import { deriveKeys, type DomainKeys } from '../crypto/index.ts';
import { openDatabase, type Database } from '../db/index.ts';
import { createLifecycle, type Lifecycle } from '../http/lifecycle.ts';
import { createRootLogger, type Logger } from '../logger.ts';
import { loadManifest } from '../manifest.ts';
import { createMetrics, type Metrics } from '../metrics.ts';
import { createOwnerSettings, type OwnerSettings } from '../settings/owner-settings.ts';
import { createWhatsAppLink, type WhatsAppLink } from '../whatsapp/index.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import type { AppOverrides } from './overrides.ts';

/** What every feature is built on: logger, keys, database, metrics, settings, the WhatsApp port. */
export interface Foundation {
  config: Config;
  logger: Logger;
  keys: DomainKeys;
  db: Database;
  metrics: Metrics;
  lifecycle: Lifecycle;
  manifest: Record<string, unknown>;
  settings: OwnerSettings;
  whatsapp: WhatsAppTransport;
  /** The real link when one was built (null when a test supplied a transport). */
  link: WhatsAppLink | null;
}

/** Builds the foundation in dependency order; the link is created but not yet connected. */
export async function buildFoundation(
  config: Config,
  overrides: AppOverrides,
): Promise<Foundation> {
  const logger =
    overrides.logger ?? createRootLogger({ level: config.logLevel, format: config.logFormat });
  const keys = await deriveKeys(config.apiKeyPepper, config.fernetSalt);
  const db = overrides.database ?? (await openDatabase({ databaseUrl: config.databaseUrl }));
  const metrics = createMetrics();
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
  const whatsapp = overrides.transport ?? (link as WhatsAppTransport);
  const manifest = loadManifest();
  return {
    config,
    logger,
    keys,
    db,
    metrics,
    lifecycle: createLifecycle(),
    manifest,
    settings,
    whatsapp,
    link,
  };
}
