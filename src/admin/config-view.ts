/**
 * `GET /whatsapp/config` (SPEC §7.3): OpenAlgo's `config` fields (dates as RFC 822 strings, as
 * Flask renders them) plus ours, and the settings page's view of the same data. The owner API key
 * never leaves: only its last 4 characters.
 */
import { WHATSAPP_CONFIG_ID, WhatsappConfig, type Database } from '../db/index.ts';
import type { AlertPreferences, OwnerSettings } from '../settings/owner-settings.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { isPaired, jidDigits, linkSummary } from './link-status.ts';

/** What the config view reads. */
export interface ConfigViewDeps {
  db: Database;
  settings: OwnerSettings;
  transport: WhatsAppTransport;
  hostServerFromEnv: boolean;
}

function rfc822(date: Date | null | undefined): string | null {
  return date ? date.toUTCString() : null;
}

/** Preferences with OpenAlgo-style snake_case names. */
export function preferencesJson(preferences: AlertPreferences): Record<string, unknown> {
  return {
    order_notifications: preferences.orderNotifications,
    trade_notifications: preferences.tradeNotifications,
    pnl_notifications: preferences.pnlNotifications,
    daily_summary: preferences.dailySummary,
    summary_time: preferences.summaryTime,
    timezone: preferences.timezone,
    quiet_hours_start: preferences.quietHoursStart,
    quiet_hours_end: preferences.quietHoursEnd,
    muted_until: preferences.mutedUntil?.toISOString() ?? null,
  };
}

/** The `config` object. */
export async function configJson(deps: ConfigViewDeps): Promise<Record<string, unknown>> {
  const row = await deps.db.em().findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  const identity = deps.transport.identity();
  const summary = linkSummary(deps.transport);
  const ownJid = identity?.pnJid ?? row.ownJid ?? null;
  const { mode, ownerPhones } = await deps.settings.getMode();
  return {
    is_paired: isPaired(deps.transport.state(), identity),
    is_active: summary.is_running,
    is_running: summary.is_running,
    own_jid: ownJid,
    own_phone: jidDigits(ownJid),
    bot_username: row.botUsername ?? null,
    owner_user_id: row.ownerUserId ?? null,
    owner_username: row.ownerUsername ?? null,
    paired_at: rfc822(row.pairedAt),
    max_message_length: row.maxMessageLength,
    rate_limit_per_minute: row.rateLimitPerMinute,
    broadcast_enabled: row.broadcastEnabled,
    created_at: rfc822(row.createdAt),
    updated_at: rfc822(row.updatedAt),
    state: summary.state,
    state_label: summary.state_label,
    state_since: summary.state_since,
    wa_version: deps.transport.waVersion(),
    mode,
    owner_phones: ownerPhones,
    host_server: await deps.settings.getHostServer(),
    host_server_from_env: deps.hostServerFromEnv,
    owner_api_key_hint: await deps.settings.ownerApiKeyHint(),
    preferences: preferencesJson(await deps.settings.getOwnerPreferences()),
  };
}
