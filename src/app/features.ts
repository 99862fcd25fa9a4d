import { createAdminUi, type AdminUi } from '../admin/index.ts';
import { createAlertService, type AlertService } from '../alerts/service.ts';
import { createCommandService } from '../commands/index.ts';
import { createStatusReporter, type StatusReporter } from '../host/status-reporter.ts';
import { createNotifyService, type NotifyModule } from '../notify/index.ts';
import type { Foundation } from './foundation.ts';
import type { AppOverrides } from './overrides.ts';

/** The four features on top of the foundation. */
export interface Features {
  admin: AdminUi;
  alerts: AlertService;
  notify: NotifyModule;
  /** Tells the host when the link needs someone (SPEC §8.1). */
  hostStatus: StatusReporter;
}

/**
 * Builds the command dispatcher (registered as the link's inbound subscriber at once, before any
 * connection), the admin UI, the alert pipeline and the notify API.
 */
export function buildFeatures(base: Foundation, overrides: AppOverrides): Features {
  const { config, db, logger, keys, settings, whatsapp, metrics, lifecycle } = base;
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
    version: String(base.manifest.version),
  });
  const hostStatus = createStatusReporter({
    getHostServer: () => settings.getHostServer(),
    webhookSecret: config.webhookSecret,
    logger,
  });
  whatsapp.onStateChange((change) => hostStatus.handle(change));
  return { admin, alerts, notify, hostStatus };
}
