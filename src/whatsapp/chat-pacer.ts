import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';

/** Paces sends per chat; waits rather than drops. */
export interface ChatPacer {
  /** Resolves when a message to `chatJid` may go out without exceeding the cap. */
  acquire(chatJid: string): Promise<void>;
}

/**
 * At most `limit` messages per `windowMs` to any one chat (SPEC §4.4: 20 per minute, for WhatsApp
 * ToS safety). Excess sends queue in FIFO order per chat instead of failing, so a burst is delayed,
 * never lost.
 */
export function createChatPacer(limit = 20, windowMs = 60_000): ChatPacer {
  const limiter = new RateLimiterMemory({ points: limit, duration: windowMs / 1000 });
  const queue = new RateLimiterQueue(limiter);
  return {
    async acquire(chatJid) {
      await queue.removeTokens(1, chatJid);
    },
  };
}
