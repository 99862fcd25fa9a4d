/**
 * Webhook secret rotation (SPEC §7.2 Settings). The boot secret comes from `WEBHOOK_SECRET` or
 * `data/secrets.json`. When it came from the environment, the environment owns it and rotation is
 * refused (changing it here would silently diverge from what the operator configured). Otherwise
 * a rotation stores a new secret, sealed, in `settings`; the previous one stays accepted for a
 * grace period so events the host signed before it picked up the new secret still verify.
 */
import { createSecretBox, generateSecrets, type SecretBox } from '../crypto/index.ts';
import { Setting, type Database } from '../db/index.ts';
import { ValidationError } from '../errors.ts';

/** How long the previous secret keeps verifying after a rotation. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
const ROTATED_KEY = 'webhook_secret';

interface StoredRotation {
  /** Sealed current secret. */
  current: string;
  /** Sealed previous secret. */
  previous: string;
  rotatedAt: string;
}

/** Why rotation is unavailable when the environment sets the secret. */
export const ROTATION_FROM_ENV_REASON =
  'WEBHOOK_SECRET is set in the environment, so it is rotated there: change the variable (and the host) and restart.';

/** The secrets the webhook verifier and SSO accept. */
export interface WebhookSecrets {
  /** Accepted secrets, newest first: the current one, then the previous one during the grace period. */
  all(): Promise<string[]>;
  /** The current secret. */
  current(): Promise<string>;
  /** When the last rotation happened, or null. */
  rotatedAt(): Promise<Date | null>;
  /** Null when rotation is possible, else why not. */
  rotationBlocked(): string | null;
  /** Makes a new secret current and returns it (shown once). */
  rotate(): Promise<string>;
}

/** What {@link createWebhookSecrets} needs. */
export interface WebhookSecretsOptions {
  db: Database;
  /** Key for sealing the stored secrets (the `owner-api-key` domain key). */
  sealKey: Buffer;
  bootSecret: string;
  bootSecretFromEnv: boolean;
  now?: () => number;
}

/** Builds the secret set. */
export function createWebhookSecrets(options: WebhookSecretsOptions): WebhookSecrets {
  const box: SecretBox = createSecretBox(options.sealKey);
  const now = options.now ?? Date.now;
  const stored = async (): Promise<StoredRotation | null> => {
    if (options.bootSecretFromEnv) return null;
    const row = await options.db.em().findOne(Setting, { key: ROTATED_KEY });
    return (row?.value as StoredRotation | undefined) ?? null;
  };
  const current = async () => {
    const rotation = await stored();
    return rotation ? box.openText(rotation.current) : options.bootSecret;
  };
  return {
    current,
    async all() {
      const rotation = await stored();
      if (!rotation) return [options.bootSecret];
      const fresh = now() - Date.parse(rotation.rotatedAt) < ROTATION_GRACE_MS;
      const latest = box.openText(rotation.current);
      return fresh ? [latest, box.openText(rotation.previous)] : [latest];
    },
    async rotatedAt() {
      const rotation = await stored();
      return rotation ? new Date(rotation.rotatedAt) : null;
    },
    rotationBlocked: () => (options.bootSecretFromEnv ? ROTATION_FROM_ENV_REASON : null),
    async rotate() {
      if (options.bootSecretFromEnv) throw new ValidationError(ROTATION_FROM_ENV_REASON);
      const previous = await current();
      const next = generateSecrets().WEBHOOK_SECRET;
      const value: StoredRotation = {
        current: box.seal(next),
        previous: box.seal(previous),
        rotatedAt: new Date(now()).toISOString(),
      };
      await options.db.em().upsert(Setting, { key: ROTATED_KEY, value, updatedAt: new Date() });
      return next;
    },
  };
}
