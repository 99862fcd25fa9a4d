/**
 * Reads `/mute` arguments. No argument mutes for 1 hour (long enough to sit through a meeting,
 * short enough that alerts are not forgotten off). `30m` / `2h` mute for that long (up to
 * 24 hours); `today` mutes until the next midnight in the owner's time zone.
 */
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../presenters/alerts/time.ts';

/** Mute length when `/mute` has no argument. */
export const DEFAULT_MUTE_MS = 60 * 60 * 1000;
const MAX_MUTE_MS = 24 * 60 * 60 * 1000;

/** Offset of `timeZone` from UTC at `at`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = formatter.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The next midnight after `now` in `timeZone` (an unknown zone falls back to Asia/Kolkata). */
export function nextMidnight(now: Date, timeZone: string): Date {
  const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const offset = zoneOffsetMs(now, zone);
  const wall = new Date(now.getTime() + offset);
  const midnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1);
  // The offset at midnight can differ from now's across a DST change: correct once.
  const correctedOffset = zoneOffsetMs(new Date(midnightWall - offset), zone);
  return new Date(midnightWall - correctedOffset);
}

/** When a mute given by `arg` ends, or null when `arg` is not a duration we read. */
export function muteUntil(arg: string | undefined, now: Date, timeZone: string): Date | null {
  if (arg === undefined) return new Date(now.getTime() + DEFAULT_MUTE_MS);
  const text = arg.toLowerCase();
  if (text === 'today') return nextMidnight(now, timeZone);
  const match = /^(\d{1,4})(m|min|h|hr)$/.exec(text);
  if (match === null) return null;
  const unitMs = match[2]?.startsWith('h') ? 3_600_000 : 60_000;
  const ms = Number(match[1]) * unitMs;
  if (ms <= 0 || ms > MAX_MUTE_MS) return null;
  return new Date(now.getTime() + ms);
}
