/** Settings for {@link createBackoff}. Defaults are SPEC §8.2's. */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** ±fraction of random jitter (0.2 = ±20 %). */
  jitter?: number;
  /** A connection that stays up this long resets the delay to `initialMs`. */
  stableMs?: number;
  /** Random source in [0, 1), injectable for tests. */
  random?: () => number;
}

/** Exponential backoff state for reconnects. */
export interface Backoff {
  /** Delay before the next attempt; each call doubles the base (capped). */
  nextDelayMs(): number;
  /** Number of attempts since the last reset. */
  attempts(): number;
  /** Call when the connection opens; `stableFor` tells how long it then lasted. */
  connectionLasted(stableForMs: number): void;
  reset(): void;
}

/**
 * Capped exponential backoff with jitter: 1 s, 2 s, 4 s … 60 s, each ±20 %, reset once a
 * connection has stayed up for 60 s (so a flapping link keeps backing off).
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initialMs = options.initialMs ?? 1_000;
  const maxMs = options.maxMs ?? 60_000;
  const jitter = options.jitter ?? 0.2;
  const stableMs = options.stableMs ?? 60_000;
  const random = options.random ?? Math.random;
  let attempt = 0;
  return {
    nextDelayMs() {
      const base = Math.min(maxMs, initialMs * 2 ** attempt);
      attempt += 1;
      const factor = 1 + jitter * (2 * random() - 1);
      return Math.round(Math.min(maxMs * (1 + jitter), base * factor));
    },
    attempts: () => attempt,
    connectionLasted(stableForMs) {
      if (stableForMs >= stableMs) attempt = 0;
    },
    reset() {
      attempt = 0;
    },
  };
}
