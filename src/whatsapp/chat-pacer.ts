/** Paces sends per chat; waits rather than drops. */
export interface ChatPacer {
  /** Resolves when a message to `chatJid` may go out without exceeding the cap. */
  acquire(chatJid: string): Promise<void>;
  /** How many chats the pacer remembers (sent to within the window, or with sends waiting). */
  trackedChats(): number;
}

/** One chat's window: when its recent sends went out, and the sends waiting for room. */
interface ChatWindow {
  /** Grant times (ms) inside the window, oldest first; never more than the cap. */
  grants: number[];
  /** Sends waiting for room, first come first served. */
  waiting: Array<() => void>;
  /** Set while sends wait: fires when the oldest grant leaves the window. */
  timer: NodeJS.Timeout | null;
}

/**
 * At most `limit` messages per `windowMs` to any one chat (SPEC §4.4: 20 per minute, for WhatsApp
 * ToS safety), as a sliding window. Excess sends queue in FIFO order per chat instead of failing,
 * so a burst is delayed, never lost. Chats with no send inside the window and nothing waiting are
 * forgotten (swept at most once per window, on the next acquire), so memory follows the chats
 * active in the last minute or two, not every chat ever messaged; the per-key queues of
 * rate-limiter-flexible, used before, were never released.
 */
export function createChatPacer(limit = 20, windowMs = 60_000): ChatPacer {
  const chats = new Map<string, ChatWindow>();
  let lastSweep = Date.now();

  const prune = (chat: ChatWindow, at: number) => {
    while (chat.grants.length > 0 && chat.grants[0]! <= at - windowMs) chat.grants.shift();
  };

  function sweep(at: number): void {
    if (at - lastSweep < windowMs) return;
    lastSweep = at;
    for (const [jid, chat] of chats) {
      prune(chat, at);
      if (chat.grants.length === 0 && chat.waiting.length === 0) chats.delete(jid);
    }
  }

  /** Grants as many waiting sends as the window has room for; re-arms for the rest. */
  function drain(chat: ChatWindow): void {
    chat.timer = null;
    const at = Date.now();
    prune(chat, at);
    while (chat.waiting.length > 0 && chat.grants.length < limit) {
      chat.grants.push(at);
      chat.waiting.shift()!();
    }
    if (chat.waiting.length > 0) {
      // At least 1 ms: the timer clock and Date.now() may disagree by a tick; never spin.
      const delay = Math.max(1, chat.grants[0]! + windowMs - at);
      chat.timer = setTimeout(() => drain(chat), delay);
    }
  }

  return {
    acquire(chatJid) {
      sweep(Date.now());
      let chat = chats.get(chatJid);
      if (!chat) {
        chat = { grants: [], waiting: [], timer: null };
        chats.set(chatJid, chat);
      }
      const window = chat;
      return new Promise<void>((resolve) => {
        window.waiting.push(resolve);
        if (!window.timer) drain(window);
      });
    },
    trackedChats: () => chats.size,
  };
}
