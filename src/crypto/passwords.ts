/** Admin password hashing (SPEC §7.1): argon2id with OWASP's recommended minimum parameters. */
import argon2 from 'argon2';

/** Shortest accepted password, in characters. */
export const MIN_PASSWORD_CHARS = 10;
/** Longest accepted password, in characters; bounds the hashing work an attacker can request. */
export const MAX_PASSWORD_CHARS = 1024;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password into a self-describing `$argon2id$…` string with a random salt. */
export async function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, HASH_OPTIONS);
}

/**
 * True when `plain` matches `hash`. Returns false, never throws, when the stored hash is malformed,
 * so a corrupt row reads as a failed login rather than a server error.
 */
export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  if (typeof hash !== 'string' || typeof plain !== 'string' || !hash.startsWith('$argon2')) {
    return false;
  }
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** Says in words why a new password is unacceptable, or returns null when it is fine. */
export function validatePasswordStrength(plain: string): string | null {
  if (typeof plain !== 'string') return 'Password must be text.';
  // Count characters as people see them (code points), not UTF-16 units.
  const length = [...plain].length;
  if (length < MIN_PASSWORD_CHARS) {
    return `Password must be at least ${MIN_PASSWORD_CHARS} characters long.`;
  }
  if (length > MAX_PASSWORD_CHARS) {
    return `Password must be at most ${MAX_PASSWORD_CHARS} characters long.`;
  }
  if (plain.trim().length === 0) return 'Password must not be only spaces.';
  return null;
}
