/**
 * A hand-driven AlertClock for tests: time moves only through `advance`, which fires the timers
 * that come due (in time order, including timers they set), so backoff, bursts, TTL and quiet
 * hours are tested without sleeping.
 */
import type { AlertClock } from '../../../../src/alerts/clock.ts';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** The fake clock and its knobs. */
export interface FakeClock extends AlertClock {
  /** Moves time forward by `ms`, firing due timers. */
  advance(ms: number): void;
  /** Jumps to an absolute time (forward only), firing due timers. */
  setNow(ms: number): void;
  /** Due times of the timers still pending. */
  pending(): number[];
}

/** Creates a fake clock at `start` (ms); `random` is fixed at 0.5 (no jitter) unless given. */
export function createFakeClock(start: number, random: () => number = () => 0.5): FakeClock {
  let now = start;
  let seq = 0;
  const timers: PendingTimer[] = [];

  function fireDue(): void {
    for (;;) {
      const due = timers
        .filter((timer) => !timer.cancelled && timer.at <= now)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) return;
      due.cancelled = true;
      due.fn();
    }
  }

  const clock: FakeClock = {
    now: () => now,
    random,
    setTimer(fn, ms) {
      const timer: PendingTimer = { at: now + Math.max(0, ms), seq: seq++, fn, cancelled: false };
      timers.push(timer);
      // Zero-delay timers still run asynchronously, as real ones do.
      if (ms <= 0) queueMicrotask(fireDue);
      return { cancel: () => void (timer.cancelled = true) };
    },
    advance(ms) {
      clock.setNow(now + ms);
    },
    setNow(ms) {
      if (ms < now) throw new Error('the fake clock only moves forward');
      now = ms;
      fireDue();
    },
    pending: () => timers.filter((timer) => !timer.cancelled).map((timer) => timer.at),
  };
  return clock;
}
