/**
 * Linked recipients (SPEC §7.2 Recipients): host users whose alerts go to their own WhatsApp
 * number. Each gets a notify API key generated here, shown once, stored only as a keyed hash.
 * Unlinking is a soft delete (`is_active = false`), as OpenAlgo's.
 */
import { randomBytes } from 'node:crypto';
import { WhatsappUser, type Database } from '../db/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';

/** A recipient as the JSON routes show it (OpenAlgo's fields plus `has_api_key`). */
export interface RecipientJson {
  id: number;
  whatsapp_jid: string;
  phone_number: string;
  openalgo_username: string;
  display_name: string | null;
  broker: string;
  notifications_enabled: boolean;
  has_api_key: boolean;
  created_at: string;
  last_command_at: string | null;
}

/** Fields a form or JSON body may set. */
export interface RecipientInput {
  phone?: string;
  username?: string;
  displayName?: string | null;
  notificationsEnabled?: boolean;
}

/** The recipient store. */
export interface Recipients {
  list(): Promise<RecipientJson[]>;
  /** Adds (or re-activates) a recipient; returns it with its new API key, shown once. */
  add(input: RecipientInput): Promise<{ recipient: RecipientJson; apiKey: string }>;
  update(jid: string, input: RecipientInput): Promise<RecipientJson>;
  /** A new API key for the recipient (the old one stops working). */
  rotateKey(jid: string): Promise<string>;
  /** Soft delete; throws NotFoundError `User not found`. */
  unlink(jid: string): Promise<void>;
}

function toJson(user: WhatsappUser): RecipientJson {
  return {
    id: user.id,
    whatsapp_jid: user.whatsappJid,
    phone_number: user.phoneNumber,
    openalgo_username: user.openalgoUsername,
    display_name: user.displayName ?? null,
    broker: user.broker,
    notifications_enabled: user.notificationsEnabled,
    has_api_key: Boolean(user.apiKeyHash),
    created_at: user.createdAt.toISOString(),
    last_command_at: user.lastCommandAt?.toISOString() ?? null,
  };
}

function checkUsername(username: string | undefined): string {
  const value = username?.trim() ?? '';
  if (!value || value.length > 100 || /\s/.test(value)) {
    throw new ValidationError(
      'username: the host username is required (no spaces, at most 100 characters)',
    );
  }
  return value;
}

function checkPhone(phone: string | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) {
    throw new ValidationError(
      'phone: enter the number with its country code, 7 to 15 digits (e.g. 919876543210)',
    );
  }
  return digits;
}

/** A fresh notify API key. */
function newApiKey(): string {
  return `oaw_${randomBytes(24).toString('base64url')}`;
}

/** Builds the store; `hashKey` is the settings' recipient key hash. */
export function createRecipients(db: Database, hashKey: (key: string) => string): Recipients {
  const find = async (jid: string) => {
    const em = db.em();
    const user = await em.findOne(WhatsappUser, { whatsappJid: jid, isActive: true });
    if (!user) throw new NotFoundError('User not found');
    return { em, user };
  };
  return {
    async list() {
      const rows = await db.em().find(WhatsappUser, { isActive: true }, { orderBy: { id: 'asc' } });
      return rows.map(toJson);
    },
    async add(input) {
      const digits = checkPhone(input.phone);
      const username = checkUsername(input.username);
      const jid = `${digits}@s.whatsapp.net`;
      const em = db.em();
      const existing = await em.findOne(WhatsappUser, { whatsappJid: jid });
      if (existing?.isActive)
        throw new ValidationError('phone: this number is already a recipient');
      const apiKey = newApiKey();
      const fields = {
        phoneNumber: digits,
        openalgoUsername: username,
        displayName: input.displayName?.trim() || null,
        notificationsEnabled: input.notificationsEnabled ?? true,
        apiKeyHash: hashKey(apiKey),
        isActive: true,
      };
      const user = existing
        ? em.assign(existing, fields)
        : em.create(WhatsappUser, { whatsappJid: jid, ...fields });
      await em.flush();
      return { recipient: toJson(user), apiKey };
    },
    async update(jid, input) {
      const { em, user } = await find(jid);
      if (input.username !== undefined) user.openalgoUsername = checkUsername(input.username);
      if (input.displayName !== undefined) user.displayName = input.displayName?.trim() || null;
      if (input.notificationsEnabled !== undefined)
        user.notificationsEnabled = input.notificationsEnabled;
      await em.flush();
      return toJson(user);
    },
    async rotateKey(jid) {
      const { em, user } = await find(jid);
      const apiKey = newApiKey();
      user.apiKeyHash = hashKey(apiKey);
      await em.flush();
      return apiKey;
    },
    async unlink(jid) {
      const { em, user } = await find(jid);
      user.isActive = false;
      user.apiKeyHash = null;
      await em.flush();
    },
  };
}
