import type { UserFacingSocketConfig } from '@whiskeysockets/baileys';
import type { Logger } from '../logger.ts';

/** Baileys' logger interface (not exported by name from the package root). */
export type BaileysLogger = NonNullable<UserFacingSocketConfig['logger']>;

/** At most one "Bad MAC"-style line per this many milliseconds reaches the log. */
const NOISY_LINE_INTERVAL_MS = 60_000;
const NOISY = /bad mac|failed to decrypt|no session/i;

/**
 * Baileys' logger (SPEC §8.3): our pino child at `warn`, with decryption-failure lines rate-limited
 * because a broken session can emit hundreds per minute. `onDecryptFailure` is told of every one,
 * logged or not, so the watchdog can count them.
 */
export function createBaileysLogger(parent: Logger, onDecryptFailure: () => void): BaileysLogger {
  const base = parent.child(
    { module: 'baileys' },
    { level: parent.levelVal <= 40 ? 'warn' : parent.level },
  );
  let lastNoisyAt = 0;
  let suppressed = 0;
  const isNoisy = (args: unknown[]) =>
    args.some((arg) => typeof arg === 'string' && NOISY.test(arg));
  const wrap = (level: 'warn' | 'error') => (obj: unknown, msg?: string) => {
    if (isNoisy([obj, msg])) {
      onDecryptFailure();
      const now = Date.now();
      if (now - lastNoisyAt < NOISY_LINE_INTERVAL_MS) {
        suppressed += 1;
        return;
      }
      lastNoisyAt = now;
      base[level]({ suppressed }, msg ?? 'decryption failure');
      suppressed = 0;
      return;
    }
    base[level](obj as object, msg);
  };
  const logger: BaileysLogger = {
    level: base.level,
    child: () => logger,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: wrap('warn'),
    error: wrap('error'),
  };
  return logger;
}
