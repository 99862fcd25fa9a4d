/**
 * Retry delays of the outbox (SPEC §4.4): capped exponential backoff with jitter, 1 s, 2 s, 4 s …
 * 60 s, each ±20 %, so a send that WhatsApp refused is not hammered and a fleet of rows does not
 * retry in lock-step.
 */

/** First retry delay. */
export const RETRY_INITIAL_MS = 1_000;
/** Largest nominal retry delay. */
export const RETRY_MAX_MS = 60_000;
/** ±fraction of jitter applied to every delay. */
export const RETRY_JITTER = 0.2;

/**
 * Delay before the next attempt after `attempts` failed ones (1 → ~1 s, 2 → ~2 s, … capped at
 * ~60 s). `random` is a uniform draw in [0, 1).
 */
export function retryDelayMs(attempts: number, random: number): number {
  const exponent = Math.max(0, attempts - 1);
  const nominal = Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** Math.min(exponent, 30));
  const factor = 1 + RETRY_JITTER * (2 * random - 1);
  return Math.round(nominal * factor);
}
