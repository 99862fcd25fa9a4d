/** A parsed rate limit in OpenAlgo's text format: `N per second|minute|hour`. */
export interface RateLimitSpec {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** The original text, for display. */
  text: string;
}

const WINDOW_MS: Record<string, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
};

const RATE_LIMIT_PATTERN = /^\s*(\d{1,6})\s*(?:per|\/)\s*(?:1\s+)?(second|minute|hour)s?\s*$/i;

/**
 * Parses `30 per minute` (also `30/minute`, `30 per 1 minute`, as Flask-Limiter accepts).
 * Returns null when the text is not a rate limit, so the caller can report the variable by name.
 */
export function parseRateLimit(text: string): RateLimitSpec | null {
  const match = RATE_LIMIT_PATTERN.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const limit = Number(match[1]);
  if (limit < 1) return null;
  const windowMs = WINDOW_MS[match[2].toLowerCase()];
  if (windowMs === undefined) return null;
  return { limit, windowMs, text: text.trim() };
}
