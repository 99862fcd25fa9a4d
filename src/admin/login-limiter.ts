/**
 * Login lockout (SPEC §7.1): 5 failures within 15 minutes, counted per client IP and per
 * username in `login_attempts`, lock that IP or username out until the oldest failure ages out.
 * Stored in the database so a restart does not reset an attacker's count.
 */
import { LoginAttempt, type Database, type LoginAttemptScope } from '../db/index.ts';
import { RateLimitError } from '../errors.ts';

/** Failures allowed inside the window. */
export const MAX_LOGIN_FAILURES = 5;
/** The window, in milliseconds. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Who is trying. */
export interface LoginSubject {
  ip: string;
  username: string;
}

/** The limiter over the database. */
export interface LoginLimiter {
  /** Throws a 429 in words when the IP or the username is locked out. */
  check(subject: LoginSubject): Promise<void>;
  recordFailure(subject: LoginSubject): Promise<void>;
  /** A successful sign-in clears that username's failures. */
  recordSuccess(subject: LoginSubject): Promise<void>;
}

function normalise(subject: LoginSubject): Array<[LoginAttemptScope, string]> {
  return [
    ['ip', subject.ip || 'unknown'],
    ['user', subject.username.toLowerCase().slice(0, 200)],
  ];
}

function lockedOutError(retryMs: number): RateLimitError {
  const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
  return new RateLimitError(
    retryMs / 1000,
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

/** Builds the limiter. */
export function createLoginLimiter(db: Database, now: () => number = Date.now): LoginLimiter {
  return {
    async check(subject) {
      const since = new Date(now() - LOGIN_WINDOW_MS);
      const em = db.em();
      for (const [scope, value] of normalise(subject)) {
        const recent = await em.find(
          LoginAttempt,
          { scope, subject: value, attemptedAt: { $gt: since } },
          { orderBy: { attemptedAt: 'desc' }, limit: MAX_LOGIN_FAILURES },
        );
        const oldest = recent[MAX_LOGIN_FAILURES - 1];
        if (oldest) throw lockedOutError(oldest.attemptedAt.getTime() + LOGIN_WINDOW_MS - now());
      }
    },
    async recordFailure(subject) {
      const em = db.em();
      for (const [scope, value] of normalise(subject)) {
        em.create(LoginAttempt, { scope, subject: value, attemptedAt: new Date(now()) });
      }
      await em.flush();
      await em.nativeDelete(LoginAttempt, {
        attemptedAt: { $lt: new Date(now() - LOGIN_WINDOW_MS) },
      });
    },
    async recordSuccess(subject) {
      const [, user] = normalise(subject);
      if (user) await db.em().nativeDelete(LoginAttempt, { scope: 'user', subject: user[1] });
    },
  };
}
