import {
  DEFAULT_CONNECTION_CONFIG,
  fetchLatestWaWebVersion,
  type WAVersion,
} from '@whiskeysockets/baileys';
import type { Logger } from '../logger.ts';

/** How long the version lookup may take before the bundled version is used (SPEC §8.3). */
export const VERSION_FETCH_TIMEOUT_MS = 10_000;

/** The WhatsApp Web version Baileys was released with. */
export const BUNDLED_WA_VERSION: WAVersion = DEFAULT_CONNECTION_CONFIG.version;

/** Resolves the WhatsApp Web version to announce; cached after the first successful lookup. */
export interface VersionSource {
  current(): Promise<WAVersion>;
  /** Forgets the cache and looks again (after a 405 "version rejected"). */
  refresh(): Promise<WAVersion>;
}

/**
 * Looks up WhatsApp Web's current version once (10 s timeout) and falls back to the bundled one on
 * any failure. `lookup: false` (tests, the simulator) never touches the network.
 */
export function createVersionSource(logger: Logger, lookup: boolean): VersionSource {
  let cached: WAVersion | null = null;
  async function fetchVersion(): Promise<WAVersion> {
    if (!lookup) return BUNDLED_WA_VERSION;
    try {
      const result = await fetchLatestWaWebVersion({
        signal: AbortSignal.timeout(VERSION_FETCH_TIMEOUT_MS),
      });
      if (result.isLatest) return result.version;
      logger.warn('could not read the current WhatsApp Web version; using the bundled one');
    } catch (error) {
      logger.warn({ err: error }, 'WhatsApp Web version lookup failed; using the bundled one');
    }
    return BUNDLED_WA_VERSION;
  }
  return {
    async current() {
      cached ??= await fetchVersion();
      return cached;
    },
    async refresh() {
      cached = await fetchVersion();
      return cached;
    },
  };
}

/** `[2, 3000, 1027934701]` → `2.3000.1027934701`. */
export function formatVersion(version: WAVersion): string {
  return version.join('.');
}
