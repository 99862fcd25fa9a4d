/**
 * Applies a parsed settings patch (SPEC §7.2 Settings): checks what needs the current state (env
 * owns HOST_SERVER when set; dedicated-number mode needs an owner phone), verifies a new owner API
 * key with the host's `ping` before anything is saved, then writes every change.
 */
import { HostApiError, ValidationError } from '../errors.ts';
import { WHATSAPP_CONFIG_ID, WhatsappConfig, type Database } from '../db/index.ts';
import { createHostClient } from '../host/client.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { SettingsPatch } from './settings-form.ts';

/** Verifies a host API key against a host URL; throws HostApiError when the host says no. */
export type KeyVerifier = (hostServer: string, apiKey: string) => Promise<void>;

/** The real verifier: `POST {host}/api/v1/ping` with the candidate key. */
export const pingHost: KeyVerifier = async (hostServer, apiKey) => {
  await createHostClient({ baseUrl: hostServer, getApiKey: () => Promise.resolve(null) }).ping(
    apiKey,
  );
};

/** What {@link createSettingsService} needs. */
export interface SettingsServiceDeps {
  db: Database;
  settings: OwnerSettings;
  hostServerFromEnv: boolean;
  verifyKey?: KeyVerifier;
}

/** Applies settings. */
export type ApplySettings = (patch: SettingsPatch) => Promise<void>;

async function checkAgainstCurrent(deps: SettingsServiceDeps, patch: SettingsPatch): Promise<void> {
  if (patch.hostServer !== undefined && deps.hostServerFromEnv) {
    const current = await deps.settings.getHostServer();
    if (patch.hostServer !== current) {
      throw new ValidationError(
        'host_server: HOST_SERVER is set in the environment; change it there and restart',
      );
    }
  }
  const { mode, ownerPhones } = await deps.settings.getMode();
  const nextMode = patch.mode ?? mode;
  const nextPhones = patch.ownerPhones ?? ownerPhones;
  if (nextMode === 'dedicated_number' && nextPhones.length === 0) {
    throw new ValidationError(
      'owner_phones: dedicated-number mode needs at least one owner phone (your personal number, with country code)',
    );
  }
}

async function verifyNewKey(deps: SettingsServiceDeps, patch: SettingsPatch): Promise<void> {
  if (!patch.ownerApiKey) return;
  const host = patch.hostServer ?? (await deps.settings.getHostServer());
  try {
    await (deps.verifyKey ?? pingHost)(host, patch.ownerApiKey);
  } catch (error) {
    if (!(error instanceof HostApiError)) throw error;
    const reason =
      error.kind === 'invalid_key'
        ? 'the host rejected it (invalid API key)'
        : `the host could not confirm it: ${error.message}`;
    throw new ValidationError(`owner_api_key: not saved, ${reason}`, { code: 'api_key_rejected' });
  }
}

async function writeLinkConfig(db: Database, patch: SettingsPatch): Promise<void> {
  const changes: Partial<
    Pick<WhatsappConfig, 'broadcastEnabled' | 'rateLimitPerMinute' | 'maxMessageLength'>
  > = {};
  if (patch.broadcastEnabled !== undefined) changes.broadcastEnabled = patch.broadcastEnabled;
  if (patch.rateLimitPerMinute !== undefined) changes.rateLimitPerMinute = patch.rateLimitPerMinute;
  if (patch.maxMessageLength !== undefined) changes.maxMessageLength = patch.maxMessageLength;
  if (Object.keys(changes).length > 0) {
    await db.em().nativeUpdate(WhatsappConfig, { id: WHATSAPP_CONFIG_ID }, changes);
  }
}

/** Builds the applier. */
export function createSettingsService(deps: SettingsServiceDeps): ApplySettings {
  const { settings } = deps;
  return async (patch) => {
    await checkAgainstCurrent(deps, patch);
    await verifyNewKey(deps, patch);
    if (patch.ownerUsername !== undefined) await settings.setOwnerUsername(patch.ownerUsername);
    if (patch.hostServer !== undefined && !deps.hostServerFromEnv)
      await settings.setHostServer(patch.hostServer);
    if (patch.ownerApiKey !== undefined) await settings.setOwnerApiKey(patch.ownerApiKey);
    if (patch.mode !== undefined || patch.ownerPhones !== undefined) {
      const current = await settings.getMode();
      await settings.setMode(patch.mode ?? current.mode, patch.ownerPhones ?? current.ownerPhones);
    }
    if (patch.preferences) await settings.updateOwnerPreferences(patch.preferences);
    await writeLinkConfig(deps.db, patch);
  };
}
