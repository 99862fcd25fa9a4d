import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';

/** A throwaway directory per test, removed by `cleanup`. */
export interface TempDir {
  path: string;
  cleanup(): void;
}

/** Creates a temp directory under the OS temp dir. */
export function makeTempDir(prefix = 'oaw-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Valid secrets for tests (never used outside tests). */
export const TEST_SECRETS = {
  API_KEY_PEPPER: 'test-pepper-0123456789abcdef0123456789abcdef',
  FERNET_SALT: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
} as const;

/**
 * Builds a real, validated Config rooted in `dir`, with a SQLite file there, port 0 and silent
 * logs. `env` entries override the defaults.
 */
export function buildTestConfig(dir: string, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      ...TEST_SECRETS,
      DATABASE_URL: `sqlite:${join(dir, 'test.db')}`,
      PORT: '5055',
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      ...env,
    },
    { cwd: dir },
  );
}
