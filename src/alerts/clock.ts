/**
 * Time and randomness for the alert pipeline, injected so tests can move time by hand: the outbox
 * backoff, the "delayed by" line, the TTL, quiet hours and the drain timer all read this clock.
 */

/** An opaque timer handle returned by {@link AlertClock.setTimer}. */
export type TimerHandle = { cancel(): void };

/** Clock, timers and random source of the alert pipeline. */
export interface AlertClock {
  /** Current time in ms since the epoch. */
  now(): number;
  /** Calls `fn` after `ms`; the returned handle cancels it. Must not keep the process alive. */
  setTimer(fn: () => void, ms: number): TimerHandle;
  /** Uniform random number in [0, 1) (backoff jitter). */
  random(): number;
}

/** Node's timers can wait at most 2^31-1 ms; longer waits are re-armed by the caller. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `Date.now`, unref'd `setTimeout`, `Math.random`. */
export const systemClock: AlertClock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    // A pending retry must never hold the process open at shutdown.
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
  random: () => Math.random(),
};
