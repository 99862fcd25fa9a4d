import type { DomainKeys } from '../crypto/index.ts';
import { createSecretBox, hashApiKey, safeEqual } from '../crypto/index.ts';
import {
  OWNER_PREFERENCES_KEY,
  Setting,
  UniqueConstraintViolationException,
  WHATSAPP_CONFIG_ID,
  WhatsappConfig,
  WhatsappUserPreferences,
  type Database,
  type LinkMode,
} from '../db/index.ts';

const OWNER_API_KEY = 'owner_api_key';
const OWNER_API_KEY_HASH = 'owner_api_key_hash';
const HOST_SERVER = 'host_server';

/** Preferences that shape alerts and commands (SPEC §4.4, §5.2); also used for recipients. */
export interface AlertPreferences {
  orderNotifications: boolean;
  tradeNotifications: boolean;
  pnlNotifications: boolean;
  dailySummary: boolean;
  summaryTime: string;
  timezone: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  mutedUntil: Date | null;
}

/** The owner's settings, as stored (SPEC §7.2 Settings). The API key is never returned in clear here. */
export interface OwnerSettings {
  /**
   * Owner's host username; events with this `data.username` are the owner's.
   * Null until set in the admin page or by the first SSO sign-in.
   */
  getOwnerUsername(): Promise<string | null>;
  setOwnerUsername(username: string | null): Promise<void>;
  /** The owner's host API key in clear, for host REST calls only; null when none is stored. */
  getOwnerApiKey(): Promise<string | null>;
  /** Stores the key sealed (domain `owner-api-key`) plus a keyed hash for notify auth. */
  setOwnerApiKey(apiKey: string | null): Promise<void>;
  /** Last 4 characters of the stored key, for the write-only settings field; null when none. */
  ownerApiKeyHint(): Promise<string | null>;
  /** Constant-time check of a candidate notify key against the owner's key hash. */
  matchesOwnerApiKey(candidate: string): Promise<boolean>;
  /** Hash of a recipient's notify API key, for `whatsapp_users.api_key_hash`. */
  hashRecipientApiKey(apiKey: string): string;
  /** The host's base URL: env `HOST_SERVER` wins, else the admin setting, else the default. */
  getHostServer(): Promise<string>;
  setHostServer(url: string): Promise<void>;
  getMode(): Promise<{ mode: LinkMode; ownerPhones: string[] }>;
  setMode(mode: LinkMode, ownerPhones: string[]): Promise<void>;
  /** Owner preferences, created with defaults on first read. */
  getOwnerPreferences(): Promise<AlertPreferences>;
  updateOwnerPreferences(patch: Partial<AlertPreferences>): Promise<AlertPreferences>;
}

/** Options for {@link createOwnerSettings}. */
export interface OwnerSettingsOptions {
  db: Database;
  keys: DomainKeys;
  /** `HOST_SERVER` from config, and whether it came from the environment (then it wins). */
  hostServer: string;
  hostServerFromEnv: boolean;
}

function toPreferences(row: WhatsappUserPreferences): AlertPreferences {
  return {
    orderNotifications: row.orderNotifications,
    tradeNotifications: row.tradeNotifications,
    pnlNotifications: row.pnlNotifications,
    dailySummary: row.dailySummary,
    summaryTime: row.summaryTime,
    timezone: row.timezone,
    quietHoursStart: row.quietHoursStart ?? null,
    quietHoursEnd: row.quietHoursEnd ?? null,
    mutedUntil: row.mutedUntil ?? null,
  };
}

/** A remembered database read and the writes that make it stale. */
interface MemoRead<T> {
  /** The remembered answer, or a fresh read (shared by concurrent callers) when there is none. */
  read(): Promise<T>;
  /** Runs a write of the read's rows, forgetting the answer before and after it. */
  writing<R>(write: () => Promise<R>): Promise<R>;
}

/**
 * Remembers `load`'s answer. A failed read is not remembered. Forgetting after the write as well
 * as before covers a read that started while the write was running and saw the old row.
 */
function memoRead<T>(load: () => Promise<T>): MemoRead<T> {
  let current: Promise<T> | null = null;
  return {
    read() {
      if (current) return current;
      const pending = load();
      current = pending;
      pending.catch(() => {
        if (current === pending) current = null;
      });
      return pending;
    },
    async writing(write) {
      current = null;
      try {
        return await write();
      } finally {
        current = null;
      }
    },
  };
}

/**
 * Creates the settings store over the database. The owner username and preferences are read for
 * every webhook, so the store keeps them in memory once read. Every write of those rows goes
 * through this store (the admin settings page, SSO sign-in, `/mute`, `/unmute`), and the store
 * drops its copy before writing, so a read after a write always sees the database again.
 */
export function createOwnerSettings(options: OwnerSettingsOptions): OwnerSettings {
  const { db, keys } = options;
  const ownerUsername = memoRead(async () => (await config()).ownerUsername ?? null);
  const ownerPreferences = memoRead(async () => toPreferences((await preferencesRow()).row));
  const box = createSecretBox(keys['owner-api-key']);
  const readSetting = async <T>(key: string): Promise<T | null> => {
    const row = await db.em().findOne(Setting, { key });
    return row ? (row.value as T) : null;
  };
  const writeSetting = async (key: string, value: unknown): Promise<void> => {
    const em = db.em();
    if (value === null) await em.nativeDelete(Setting, { key });
    else await em.upsert(Setting, { key, value, updatedAt: new Date() });
  };
  const config = () => db.em().findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  const preferencesRow = async () => {
    const em = db.em();
    const key = { whatsappJid: OWNER_PREFERENCES_KEY };
    const existing = await em.findOne(WhatsappUserPreferences, key);
    if (existing) return { em, row: existing };
    try {
      const row = em.create(WhatsappUserPreferences, key);
      await em.flush();
      return { em, row };
    } catch (error) {
      // Two first reads at once (e.g. two webhooks on a fresh install): the other one created it.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const fresh = db.em();
      return { em: fresh, row: await fresh.findOneOrFail(WhatsappUserPreferences, key) };
    }
  };

  return {
    getOwnerUsername: () => ownerUsername.read(),
    setOwnerUsername: (username) =>
      ownerUsername.writing(async () => {
        await db
          .em()
          .nativeUpdate(WhatsappConfig, { id: WHATSAPP_CONFIG_ID }, { ownerUsername: username });
      }),
    async getOwnerApiKey() {
      const sealed = await readSetting<string>(OWNER_API_KEY);
      return sealed ? box.openText(sealed) : null;
    },
    async setOwnerApiKey(apiKey) {
      await writeSetting(OWNER_API_KEY, apiKey ? box.seal(apiKey) : null);
      await writeSetting(
        OWNER_API_KEY_HASH,
        apiKey ? hashApiKey(apiKey, keys['api-key-hash']) : null,
      );
    },
    async ownerApiKeyHint() {
      const key = await this.getOwnerApiKey();
      return key ? key.slice(-4) : null;
    },
    async matchesOwnerApiKey(candidate) {
      const stored = await readSetting<string>(OWNER_API_KEY_HASH);
      return stored !== null && safeEqual(hashApiKey(candidate, keys['api-key-hash']), stored);
    },
    hashRecipientApiKey: (apiKey) => hashApiKey(apiKey, keys['api-key-hash']),
    async getHostServer() {
      if (options.hostServerFromEnv) return options.hostServer;
      return (await readSetting<string>(HOST_SERVER)) ?? options.hostServer;
    },
    setHostServer: (url) => writeSetting(HOST_SERVER, url.replace(/\/+$/, '')),
    async getMode() {
      const row = await config();
      return { mode: row.mode, ownerPhones: row.ownerPhones };
    },
    async setMode(mode, ownerPhones) {
      await db.em().nativeUpdate(WhatsappConfig, { id: WHATSAPP_CONFIG_ID }, { mode, ownerPhones });
    },
    // A copy: a caller changing its answer must not change the next caller's.
    getOwnerPreferences: async () => ({ ...(await ownerPreferences.read()) }),
    updateOwnerPreferences: (patch) =>
      ownerPreferences.writing(async () => {
        const { em, row } = await preferencesRow();
        em.assign(row, patch);
        await em.flush();
        return toPreferences(row);
      }),
  };
}
