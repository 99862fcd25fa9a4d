/** `/mute`, `/unmute` and `/alerts` texts. */
import { formatClock, formatDay, dayKey } from '../alerts/time.ts';

/** The subset of preferences `/alerts` shows. */
export interface PreferencesView {
  orderNotifications: boolean;
  tradeNotifications: boolean;
  pnlNotifications: boolean;
  dailySummary: boolean;
  summaryTime: string;
  timezone: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  mutedUntil: Date | null;
}

/** `15:30` today, or `09:00, 25 Aug` on another day, in `timeZone`. */
export function whenText(at: Date, now: Date, timeZone: string): string {
  const clock = formatClock(at, timeZone).slice(0, 5);
  return dayKey(at, timeZone) === dayKey(now, timeZone)
    ? clock
    : `${clock}, ${formatDay(at, timeZone)}`;
}

/** Confirms a mute. */
export function presentMuted(until: Date, now: Date, timeZone: string): string {
  return `Alerts muted until ${whenText(until, now, timeZone)} (${timeZone}). Commands still work. Send /unmute to resume.`;
}

/** Confirms an unmute (or says there was nothing to undo). */
export function presentUnmuted(wasMuted: boolean): string {
  return wasMuted ? 'Alerts are on again.' : 'Alerts were not muted.';
}

/** Usage error for a duration `/mute` cannot read. */
export const MUTE_USAGE = 'Usage: /mute [30m|2h|today] (minutes up to 1440, hours up to 24)';

const onOff = (value: boolean): string => (value ? 'on' : 'off');

/** Renders `/alerts`. */
export function presentPreferences(view: PreferencesView, now: Date): string {
  const muted =
    view.mutedUntil !== null && view.mutedUntil.getTime() > now.getTime()
      ? `until ${whenText(view.mutedUntil, now, view.timezone)}`
      : 'no';
  const quiet =
    view.quietHoursStart !== null && view.quietHoursEnd !== null
      ? `${view.quietHoursStart}–${view.quietHoursEnd}`
      : 'none';
  return [
    '*Alerts*',
    `Orders: ${onOff(view.orderNotifications)}`,
    `Fills and rejections: ${onOff(view.tradeNotifications)}`,
    `P&L: ${onOff(view.pnlNotifications)}`,
    `Daily summary: ${view.dailySummary ? `on at ${view.summaryTime}` : 'off'}`,
    `Quiet hours: ${quiet}`,
    `Muted: ${muted}`,
    `Time zone: ${view.timezone}`,
    'Change these on the WhatsApp settings page; /mute and /unmute work from here.',
  ].join('\n');
}
