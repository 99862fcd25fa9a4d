/** Constant-time comparison of secrets and hashing of API keys for storage (SPEC §6, §10). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Per-process key for `safeEqual`. Comparing HMACs of both sides gives equal-length inputs to
 * `timingSafeEqual`, so neither the content nor the length of a secret leaks through timing.
 */
const COMPARE_KEY = randomBytes(32);

function toBuffer(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/**
 * True when `a` and `b` hold the same bytes (strings compared as UTF-8). Takes the same time
 * whatever the contents, including when the lengths differ.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = toBuffer(a);
  const right = toBuffer(b);
  const leftMac = createHmac('sha256', COMPARE_KEY).update(left).digest();
  const rightMac = createHmac('sha256', COMPARE_KEY).update(right).digest();
  // The length check is exact where HMAC equality is only overwhelmingly likely, and it runs
  // after the constant-time step so it adds no data-dependent early exit before it.
  return timingSafeEqual(leftMac, rightMac) && left.length === right.length;
}

/**
 * Hashes an API key for storage: HMAC-SHA256 under the `api-key-hash` domain key, as lowercase hex.
 * Keyed so that a stolen database cannot be checked against guessed keys offline.
 */
export function hashApiKey(apiKey: string, key: Buffer): string {
  return createHmac('sha256', key).update(apiKey, 'utf8').digest('hex');
}

/** True when `apiKey` hashes to `storedHash` (from `hashApiKey`), compared in constant time. */
export function verifyApiKeyHash(apiKey: string, storedHash: string, key: Buffer): boolean {
  return safeEqual(hashApiKey(apiKey, key), storedHash);
}
