/**
 * Notify rate limits (SPEC §6, `WHATSAPP_RATE_LIMIT`), in memory like OpenAlgo's. Two budgets of
 * the same size:
 * - per client IP, charged for **every** request before authentication, so failed key guesses are
 *   throttled like any other request;
 * - per API key (by its hash), charged after authentication, so one key spread over many IPs is
 *   still held to the limit.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitSpec } from '../config.ts';
import { RateLimitError } from '../errors.ts';

/** The two budgets. Each method resolves when allowed and throws a 429 RateLimitError when not. */
export interface NotifyRateLimiter {
  consumeIp(ip: string): Promise<void>;
  consumeKey(keyHash: string): Promise<void>;
}

/** Runs one consume, turning a refusal into the 429 with `Retry-After`. */
async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw new RateLimitError(refusal.msBeforeNext / 1000);
    throw refusal;
  }
}

/** Creates both budgets from the parsed `WHATSAPP_RATE_LIMIT`. */
export function createNotifyRateLimiter(spec: RateLimitSpec): NotifyRateLimiter {
  const duration = Math.max(1, Math.round(spec.windowMs / 1000));
  const byIp = new RateLimiterMemory({ keyPrefix: 'notify-ip', points: spec.limit, duration });
  const byKey = new RateLimiterMemory({ keyPrefix: 'notify-key', points: spec.limit, duration });
  return {
    consumeIp: (ip) => consume(byIp, ip || 'unknown'),
    consumeKey: (keyHash) => consume(byKey, keyHash),
  };
}
