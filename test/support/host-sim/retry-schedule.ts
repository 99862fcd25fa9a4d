/**
 * The host's webhook retry policy, as pure functions: attempt immediately, then after 2 s, 10 s,
 * 1 min and 5 min, each delay with ±10 % jitter; retry network errors, 5xx and 429; stop on 2xx
 * and every other 4xx; on 429/503 never retry before `Retry-After` says.
 */

/** Nominal delay before each attempt, in ms (the first attempt is immediate). */
export const RETRY_SCHEDULE_MS: readonly number[] = [0, 2_000, 10_000, 60_000, 300_000];

/** Jitter applied to every delay: ±10 %. */
export const JITTER_RATIO = 0.1;

/** The delay before attempt `index` (0-based), jittered with `random()` ∈ [0, 1). */
export function jitteredDelay(index: number, random: () => number): number {
  const nominal = RETRY_SCHEDULE_MS[index] ?? 0;
  return Math.round(nominal * (1 + (random() * 2 - 1) * JITTER_RATIO));
}

/** What one attempt produced: an HTTP status or a network error. */
export type AttemptOutcome = { status: number; retryAfter?: string | null } | { error: string };

/** True when the outcome deserves another attempt. */
export function shouldRetry(outcome: AttemptOutcome): boolean {
  if ('error' in outcome) return true;
  const { status } = outcome;
  return status >= 500 || status === 429;
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP date (measured from `nowMs`); `null` when absent
 * or unparsable. Only 429 and 503 carry a meaningful one.
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | null {
  if (header === null || header === undefined || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** The wait before attempt `index`: the jittered schedule, stretched to honour `Retry-After`. */
export function waitBeforeAttempt(
  index: number,
  previous: AttemptOutcome | undefined,
  random: () => number,
  nowMs: number,
): number {
  const scheduled = jitteredDelay(index, random);
  if (previous === undefined || 'error' in previous) return scheduled;
  if (previous.status !== 429 && previous.status !== 503) return scheduled;
  const asked = retryAfterMs(previous.retryAfter, nowMs);
  return asked === null ? scheduled : Math.max(scheduled, asked);
}
