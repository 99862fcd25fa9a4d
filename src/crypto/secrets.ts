/** First-boot secret generation and the shape of the Standard Webhooks secret (SPEC §1, §2). */
import { randomBytes } from 'node:crypto';
import { decodeBase64 } from './encoding.ts';

/** Prefix of a Standard Webhooks secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Fewest decoded bytes a webhook secret may carry (Standard Webhooks allows 24 to 64). */
export const MIN_WEBHOOK_SECRET_BYTES = 24;

/**
 * The secrets the app needs, in the form the environment variables take. A type alias (not an
 * interface) so it stays assignable to `Record<string, string>`.
 */
export type GeneratedSecrets = {
  /** 64 hex characters (32 random bytes). */
  API_KEY_PEPPER: string;
  /** 64 hex characters (32 random bytes). */
  FERNET_SALT: string;
  /** `whsec_` followed by standard base64 of 32 random bytes. */
  WEBHOOK_SECRET: string;
};

/** Makes a fresh set of secrets from the system CSPRNG, for config to store at first boot. */
export function generateSecrets(): GeneratedSecrets {
  return {
    API_KEY_PEPPER: randomBytes(32).toString('hex'),
    FERNET_SALT: randomBytes(32).toString('hex'),
    WEBHOOK_SECRET: WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64'),
  };
}

/**
 * The key bytes inside a `whsec_<base64>` secret, or null when the text is not that shape (wrong
 * prefix, non-canonical base64, or fewer than 24 bytes).
 */
export function decodeWebhookSecret(secret: string): Buffer | null {
  if (typeof secret !== 'string' || !secret.startsWith(WEBHOOK_SECRET_PREFIX)) return null;
  const bytes = decodeBase64(secret.slice(WEBHOOK_SECRET_PREFIX.length));
  return bytes !== null && bytes.length >= MIN_WEBHOOK_SECRET_BYTES ? bytes : null;
}

/** True when `secret` is `whsec_` plus valid base64 decoding to at least 24 bytes. */
export function isValidWebhookSecret(secret: string): boolean {
  return decodeWebhookSecret(secret) !== null;
}
