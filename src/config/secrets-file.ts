import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecrets } from '../crypto/secrets.ts';

/** The three secrets SPEC §2 generates when the environment does not provide them. */
export const GENERATED_SECRET_NAMES = ['API_KEY_PEPPER', 'FERNET_SALT', 'WEBHOOK_SECRET'] as const;

/** What `ensureSecrets` did, so the caller can log the right warning. */
export interface SecretsOutcome {
  /** Values to fill in for names the environment lacks. */
  values: Partial<Record<(typeof GENERATED_SECRET_NAMES)[number], string>>;
  /** True when the file was created during this call. */
  created: boolean;
  /** Path of the secrets file, when it was used. */
  path: string | null;
}

/**
 * Fills secrets missing from `env` from `<dataDir>/secrets.json`, generating that file (mode 0600)
 * on first boot. Generated once and kept: regenerating would make the stored session and API key
 * undecryptable. The file sits next to the database, which is why the caller must warn about it.
 */
export function ensureSecrets(env: Record<string, string>, dataDir: string): SecretsOutcome {
  const missing = GENERATED_SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) return { values: {}, created: false, path: null };
  const path = join(dataDir, 'secrets.json');
  let created = false;
  let stored: Record<string, string>;
  if (existsSync(path)) {
    stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    stored = generateSecrets();
    writeFileSync(path, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  // Tighten permissions even if someone loosened them; the file holds the encryption keys.
  chmodSync(path, 0o600);
  const values: SecretsOutcome['values'] = {};
  for (const name of missing) {
    const value = stored[name];
    if (typeof value === 'string') values[name] = value;
  }
  return { values, created, path };
}
