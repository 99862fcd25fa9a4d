/**
 * Clock and duration formatting for alerts. OpenAlgo prints the server's local time at formatting
 * time; we print the event's own time in the recipient's timezone (SPEC §4.4), so a queued alert
 * still says when the order happened.
 */

/** The timezone used when a recipient has not chosen one (OpenAlgo's users are mostly in India). */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * Answers of {@link isValidTimeZone}. Building an `Intl.DateTimeFormat` to test a zone costs
 * tens of microseconds and every alert asks, so each answer is remembered; the map is cleared if
 * it ever grows past {@link ZONE_CACHE_LIMIT} (zones come from stored preferences, so it won't).
 */
const zoneValidity = new Map<string, boolean>();
const ZONE_CACHE_LIMIT = 1000;

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  const known = zoneValidity.get(timeZone);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    valid = false;
  }
  if (zoneValidity.size >= ZONE_CACHE_LIMIT) zoneValidity.clear();
  zoneValidity.set(timeZone, valid);
  return valid;
}

/**
 * A cached formatter; an unknown zone falls back to {@link DEFAULT_TIME_ZONE} because a bad
 * preference must not stop alerts from going out.
 */
function formatterFor(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  // Only valid zones are ever keys, so a hit needs no validity check.
  const cached = cache.get(timeZone);
  if (cached) return cached;
  const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  let formatter = cache.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    cache.set(zone, formatter);
  }
  return formatter;
}

/** Joins the named parts of a formatted date, so locale punctuation never leaks in. */
function pick(
  parts: Intl.DateTimeFormatPart[],
  ...types: Intl.DateTimeFormatPartTypes[]
): string[] {
  return types.map((type) => parts.find((part) => part.type === type)?.value ?? '');
}

/**
 * The last clock text made per zone and the second it is for: alerts of a burst carry the same
 * or nearby event seconds, and `formatToParts` is the slowest step of rendering one. A zone's
 * offset only changes on a minute boundary, so a whole second always reads the same.
 */
const lastClock = new Map<string, { second: number; text: string }>();

/** `HH:MM:SS` (24-hour) of `date` in `timeZone`, or `N/A` for an invalid date. */
export function formatClock(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return 'N/A';
  const second = Math.floor(ms / 1000);
  const last = lastClock.get(timeZone);
  if (last?.second === second) return last.text;
  const formatter = formatterFor(clockFormats, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const text = pick(formatter.formatToParts(date), 'hour', 'minute', 'second').join(':');
  // Keyed by the zone as asked for; bounded like the validity cache.
  if (lastClock.size >= ZONE_CACHE_LIMIT) lastClock.clear();
  lastClock.set(timeZone, { second, text });
  return text;
}

/** Day, short month and year of `date` in `timeZone`. */
function dayParts(date: Date, timeZone: string): string[] {
  const options = { day: '2-digit', month: 'short', year: 'numeric' } as const;
  const formatter = formatterFor(dayFormats, timeZone, options);
  return pick(formatter.formatToParts(date), 'day', 'month', 'year');
}

/** `24 Aug` of `date` in `timeZone` (used when a digest spans several days). */
export function formatDay(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (Number.isNaN(date.getTime())) return 'N/A';
  return dayParts(date, timeZone).slice(0, 2).join(' ');
}

/** `24 Aug 2026`: the calendar day of `date` in `timeZone`, for telling days apart. */
export function dayKey(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (Number.isNaN(date.getTime())) return 'N/A';
  return dayParts(date, timeZone).join(' ');
}

/**
 * A compact duration: `59s`, `4m12s`, `1h02m`, `2d03h`. Below a minute it counts seconds; then it
 * shows the two largest units with the smaller one zero-padded. Negative or invalid input is `0s`.
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d${pad(hours)}h`;
  if (hours > 0) return `${hours}h${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m${pad(seconds)}s`;
  return `${seconds}s`;
}
