/**
 * When an alert must wait: quiet hours (a daily `HH:MM`–`HH:MM` window in the recipient's
 * timezone, possibly across midnight) and `/mute` (until a fixed instant). Pure functions of the
 * preferences and the time, so routing can decide at ingest when a held alert becomes due.
 */
import type { AlertPreferences } from '../settings/owner-settings.ts';

const MINUTES_PER_DAY = 24 * 60;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM`, or null when the text is not a valid time. */
export function parseClockMinutes(value: string | null | undefined): number | null {
  const match = HH_MM.exec(value ?? '');
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Wall-clock hours, minutes, seconds and ms of `at` in `timeZone` (UTC when the zone is unknown). */
function wallClock(at: number, timeZone: string): { minutes: number; msIntoMinute: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
  } catch {
    return wallClock(at, 'UTC');
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  // Every IANA zone today has whole-minute offsets, so seconds come from the instant itself.
  return { minutes: get('hour') * 60 + get('minute'), msIntoMinute: at % 60_000 };
}

/**
 * The end of the quiet window containing `at`, or null when `at` is outside it (or no valid window
 * is set; equal start and end mean none). A window crossing midnight (22:00–07:00) is supported.
 * DST transitions can shift the end by the size of the jump; that is accepted.
 */
export function quietWindowEnd(
  at: number,
  start: string | null,
  end: string | null,
  timeZone: string,
): number | null {
  const from = parseClockMinutes(start);
  const to = parseClockMinutes(end);
  if (from === null || to === null || from === to) return null;
  const { minutes, msIntoMinute } = wallClock(at, timeZone);
  const inside = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  if (!inside) return null;
  const minutesLeft = (to - minutes + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return at - msIntoMinute + minutesLeft * 60_000;
}

/**
 * When an alert for a recipient with `preferences` may be sent, if it must be held at `at`:
 * the later of the quiet window's end and `mutedUntil`. Null means "send now". Urgent alerts
 * (rejections, error lines) are never held.
 */
export function holdUntil(
  preferences: AlertPreferences,
  at: number,
  urgent: boolean,
): number | null {
  if (urgent) return null;
  const quietEnd = quietWindowEnd(
    at,
    preferences.quietHoursStart,
    preferences.quietHoursEnd,
    preferences.timezone,
  );
  const mutedEnd = preferences.mutedUntil ? preferences.mutedUntil.getTime() : null;
  const candidates = [quietEnd, mutedEnd !== null && mutedEnd > at ? mutedEnd : null].filter(
    (value): value is number => value !== null,
  );
  if (candidates.length === 0) return null;
  const until = Math.max(...candidates);
  // A mute ending inside tonight's quiet hours keeps holding until the window closes.
  const quietAfterMute = quietWindowEnd(
    until,
    preferences.quietHoursStart,
    preferences.quietHoursEnd,
    preferences.timezone,
  );
  return quietAfterMute ?? until;
}
