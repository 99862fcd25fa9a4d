/**
 * The per-sender command limit (SPEC §5.4): at most `perMinute` commands in a one-minute window;
 * the first command over the limit gets one "slow down" reply, the rest of the window is silent.
 * A fixed window on an injected clock (rather than rate-limiter-flexible's wall-clock timers) keeps
 * the "one warning per window" rule exact and testable without sleeping.
 */

/** What to do with one command. */
export type RateDecision = 'allow' | 'warn' | 'drop';

/** The limiter. */
export interface CommandRateLimiter {
  /** Counts one command from `sender` at `now` and says what to do with it. */
  check(sender: string, now: Date): RateDecision;
}

interface Window {
  startedAt: number;
  used: number;
  warned: boolean;
}

const WINDOW_MS = 60_000;

/** Creates a limiter allowing `perMinute` commands per sender and window. */
export function createCommandRateLimiter(perMinute = 20): CommandRateLimiter {
  const windows = new Map<string, Window>();
  return {
    check(sender, now) {
      const at = now.getTime();
      let window = windows.get(sender);
      if (window === undefined || at - window.startedAt >= WINDOW_MS) {
        window = { startedAt: at, used: 0, warned: false };
        windows.set(sender, window);
      }
      window.used += 1;
      if (window.used <= perMinute) return 'allow';
      if (window.warned) return 'drop';
      window.warned = true;
      return 'warn';
    },
  };
}
