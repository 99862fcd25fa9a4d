/**
 * Parses the settings a form or `POST /whatsapp/config` sends (SPEC §7.2, §7.3) into a typed
 * patch, collecting every problem in words (`"timezone: …"`). Absent fields are left unchanged;
 * the owner API key is write-only, so an empty key field means "keep the stored one".
 */
import { LINK_MODES, type LinkMode } from '../db/index.ts';
import { ValidationError } from '../errors.ts';
import type { AlertPreferences } from '../settings/owner-settings.ts';

/** What a settings request may change. */
export interface SettingsPatch {
  ownerUsername?: string | null;
  hostServer?: string;
  /** A new key to verify and store, or null to remove the stored one. */
  ownerApiKey?: string | null;
  mode?: LinkMode;
  ownerPhones?: string[];
  preferences?: Partial<AlertPreferences>;
  broadcastEnabled?: boolean;
  rateLimitPerMinute?: number;
  maxMessageLength?: number;
}

type Input = Record<string, unknown>;
type Problems = string[];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const BOOLEAN_FIELDS = {
  order_notifications: 'orderNotifications',
  trade_notifications: 'tradeNotifications',
  pnl_notifications: 'pnlNotifications',
  daily_summary: 'dailySummary',
} as const;

/** true/false from JSON booleans or form text; undefined when absent, 'bad' when neither. */
function toBoolean(value: unknown): boolean | undefined | 'bad' {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['true', 'on', '1', 'yes'].includes(text)) return true;
    if (['false', 'off', '0', 'no', ''].includes(text)) return false;
  }
  return 'bad';
}

function readBoolean(input: Input, name: string, problems: Problems): boolean | undefined {
  const value = toBoolean(input[name]);
  if (value === 'bad') {
    problems.push(`${name}: must be true or false`);
    return undefined;
  }
  return value;
}

function readText(input: Input, name: string, problems: Problems): string | null | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') {
    problems.push(`${name}: must be text`);
    return undefined;
  }
  return value.trim();
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** Splits and checks owner phones (a list, or text separated by commas, semicolons or lines). */
export function parsePhones(value: unknown, problems: Problems): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[,;\n]/)
      : null;
  if (items === null) {
    problems.push('owner_phones: must be a list of phone numbers');
    return undefined;
  }
  const phones: string[] = [];
  for (const item of items) {
    const digits =
      typeof item === 'string' || typeof item === 'number' ? String(item).replace(/\D/g, '') : '';
    if (digits === '' && typeof item === 'string' && item.trim() === '') continue;
    if (digits.length < 7 || digits.length > 15) {
      problems.push(
        'owner_phones: each number needs its country code, 7 to 15 digits (e.g. 919876543210)',
      );
      return undefined;
    }
    if (!phones.includes(digits)) phones.push(digits);
  }
  if (phones.length > 10) problems.push('owner_phones: at most 10 numbers');
  return phones;
}

function parseOwner(input: Input, patch: SettingsPatch, problems: Problems): void {
  const username = readText(input, 'owner_username', problems);
  if (username !== undefined) {
    if (username && (username.length > 100 || /[\s\p{C}]/u.test(username))) {
      problems.push('owner_username: must be at most 100 characters with no spaces');
    } else patch.ownerUsername = username || null;
  }
  const host = readText(input, 'host_server', problems);
  if (host) {
    let url: URL | null = null;
    try {
      url = new URL(host);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.push('host_server: must be an http:// or https:// URL, e.g. http://127.0.0.1:5000');
    } else patch.hostServer = host.replace(/\/+$/, '');
  }
  const key = input.owner_api_key;
  if (key === null || readBoolean(input, 'clear_owner_api_key', problems) === true)
    patch.ownerApiKey = null;
  else if (typeof key === 'string' && key.trim() !== '') {
    if (key.trim().length > 256) problems.push('owner_api_key: is too long');
    else patch.ownerApiKey = key.trim();
  } else if (key !== undefined && typeof key !== 'string')
    problems.push('owner_api_key: must be text');
}

function parseMode(input: Input, patch: SettingsPatch, problems: Problems): void {
  const mode = readText(input, 'mode', problems);
  if (mode) {
    if ((LINK_MODES as readonly string[]).includes(mode)) patch.mode = mode as LinkMode;
    else problems.push('mode: must be self_chat or dedicated_number');
  }
  const phones = parsePhones(input.owner_phones, problems);
  if (phones) patch.ownerPhones = phones;
}

function readTime(input: Input, name: string, problems: Problems): string | null | undefined {
  const value = readText(input, name, problems);
  if (value === undefined || value === null || value === '') return value === '' ? null : value;
  if (!TIME.test(value)) {
    problems.push(`${name}: must be a time as HH:MM (24-hour), e.g. 21:30`);
    return undefined;
  }
  return value;
}

function parsePreferences(input: Input, patch: SettingsPatch, problems: Problems): void {
  const preferences: Partial<AlertPreferences> = {};
  for (const [name, key] of Object.entries(BOOLEAN_FIELDS)) {
    const value = readBoolean(input, name, problems);
    if (value !== undefined) preferences[key] = value;
  }
  const summary = readTime(input, 'summary_time', problems);
  if (summary === null) problems.push('summary_time: must be a time as HH:MM (24-hour)');
  else if (summary !== undefined) preferences.summaryTime = summary;
  const zone = readText(input, 'timezone', problems);
  if (zone !== undefined) {
    if (zone && isTimeZone(zone)) preferences.timezone = zone;
    else
      problems.push(
        `timezone: "${String(zone).slice(0, 60)}" is not a known time zone (e.g. Asia/Kolkata)`,
      );
  }
  const start = readTime(input, 'quiet_hours_start', problems);
  const end = readTime(input, 'quiet_hours_end', problems);
  if (start !== undefined || end !== undefined) {
    if (((start ?? null) === null) !== ((end ?? null) === null)) {
      problems.push('quiet_hours: give both a start and an end, or neither');
    } else if (start !== undefined && end !== undefined && start !== null && start === end) {
      problems.push('quiet_hours: start and end must differ');
    } else {
      preferences.quietHoursStart = start ?? null;
      preferences.quietHoursEnd = end ?? null;
    }
  }
  if (Object.keys(preferences).length > 0) patch.preferences = preferences;
}

function parseLimits(input: Input, patch: SettingsPatch, problems: Problems): void {
  const broadcast = readBoolean(input, 'broadcast_enabled', problems);
  if (broadcast !== undefined) patch.broadcastEnabled = broadcast;
  // OpenAlgo clamps this to 1–120 and ignores a value that is not an integer; so do we.
  const rate = Number(input.rate_limit_per_minute);
  if (input.rate_limit_per_minute !== undefined && Number.isInteger(rate)) {
    patch.rateLimitPerMinute = Math.min(120, Math.max(1, rate));
  }
  if (input.max_message_length !== undefined) {
    const length = Number(input.max_message_length);
    if (!Number.isInteger(length) || length < 1 || length > 4096) {
      problems.push('max_message_length: must be a whole number from 1 to 4096');
    } else patch.maxMessageLength = length;
  }
}

/** Parses a settings request; throws one ValidationError listing every problem. */
export function parseSettings(input: Input): SettingsPatch {
  const patch: SettingsPatch = {};
  const problems: Problems = [];
  parseOwner(input, patch, problems);
  parseMode(input, patch, problems);
  parsePreferences(input, patch, problems);
  parseLimits(input, patch, problems);
  if (problems.length > 0) {
    throw new ValidationError(problems.join('; '), { details: { errors: problems } });
  }
  return patch;
}
