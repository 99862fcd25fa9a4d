/**
 * The one-time setup link of SPEC §1/§7.1: at first boot, with no admin account yet, the process
 * prints `/whatsapp/setup?token=…` (valid 30 minutes). Only the token's SHA-256 is stored, in
 * `settings`; using it once to set a password deletes it. Each new link replaces the previous one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { safeEqual } from '../crypto/index.ts';
import { Setting, type Database } from '../db/index.ts';

/** How long a setup link works. */
export const SETUP_LINK_TTL_MS = 30 * 60 * 1000;
const SETUP_KEY = 'admin_setup_token';

interface StoredSetupToken {
  hash: string;
  expiresAt: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Setup tokens. */
export interface SetupTokens {
  /** Issues a token (replacing any earlier one) and returns it. */
  issue(): Promise<string>;
  /** True when `token` is the live one. */
  isValid(token: string): Promise<boolean>;
  /** Deletes the token (after use). */
  revoke(): Promise<void>;
}

/** Builds the token store. */
export function createSetupTokens(db: Database, now: () => number = Date.now): SetupTokens {
  return {
    async issue() {
      const token = randomBytes(24).toString('base64url');
      const value: StoredSetupToken = {
        hash: hashToken(token),
        expiresAt: new Date(now() + SETUP_LINK_TTL_MS).toISOString(),
      };
      await db.em().upsert(Setting, { key: SETUP_KEY, value, updatedAt: new Date() });
      return token;
    },
    async isValid(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 200) return false;
      const row = await db.em().findOne(Setting, { key: SETUP_KEY });
      const stored = row?.value as StoredSetupToken | undefined;
      if (!stored || Date.parse(stored.expiresAt) <= now()) return false;
      return safeEqual(hashToken(token), stored.hash);
    },
    async revoke() {
      await db.em().nativeDelete(Setting, { key: SETUP_KEY });
    },
  };
}
