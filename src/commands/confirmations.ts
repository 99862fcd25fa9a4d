/**
 * One-time confirmation codes for `/closeall` (SPEC §5.4). One code is pending at a time (there
 * is one owner); it is crypto-random, 4 digits, valid for 60 s, and consumed by the first attempt
 * whatever its outcome: a wrong code also cancels the pending one, so a guess or a typo can never
 * be followed by a second try on the same code.
 */
import { randomInt } from 'node:crypto';
import { safeEqual } from '../crypto/compare.ts';
import type { CodeRefusal } from '../presenters/replies/index.ts';

/** Result of presenting a code. */
export type ConfirmOutcome = 'ok' | CodeRefusal;

/** The store. */
export interface ConfirmationStore {
  /** Issues a fresh code (replacing any pending one). */
  issue(now: Date): string;
  /** Checks and consumes the pending code. Synchronous, so two racing confirmations cannot both pass. */
  confirm(code: string, now: Date): ConfirmOutcome;
  /** How long a code stays valid, in ms. */
  readonly validMs: number;
}

/** Options for {@link createConfirmationStore}. */
export interface ConfirmationOptions {
  validMs?: number;
  /** Code source; default 4 crypto-random digits. */
  randomCode?: () => string;
}

function fourDigits(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0');
}

/** Creates an in-memory store (a restart drops the pending code, which is the safe direction). */
export function createConfirmationStore(options: ConfirmationOptions = {}): ConfirmationStore {
  const validMs = options.validMs ?? 60_000;
  const randomCode = options.randomCode ?? fourDigits;
  let pending: { code: string; expiresAt: number } | null = null;
  return {
    validMs,
    issue(now) {
      const code = randomCode();
      pending = { code, expiresAt: now.getTime() + validMs };
      return code;
    },
    confirm(code, now) {
      const current = pending;
      pending = null;
      if (current === null) return 'none';
      if (now.getTime() > current.expiresAt) return 'expired';
      return safeEqual(code, current.code) ? 'ok' : 'wrong';
    },
  };
}
