/**
 * Messages built from several alerts or about their delivery (SPEC §4.4): the "delayed by" first
 * line, the digest of alerts missed while disconnected, and the coalesced burst message.
 */
import { SEPARATOR, ANALYZE_MODE_LINE } from './render.ts';
import { dayKey, DEFAULT_TIME_ZONE, formatClock, formatDay, formatDuration } from './time.ts';

/** Most alerts a digest lists one by one; the rest are counted. */
export const DIGEST_MAX_ITEMS = 20;

/** The first line of an alert delivered late, e.g. `_Delayed by 4m12s_` (italic in WhatsApp). */
export function renderDelayedPrefix(delayMs: number): string {
  return `_Delayed by ${formatDuration(delayMs)}_`;
}

/** One missed alert: its plain title (asterisks are stripped) and when its event happened. */
export interface MissedAlert {
  title: string;
  eventAt: Date;
}

/** A title without WhatsApp bold markers, so digest and burst lines stay uniform. */
function plainTitle(title: string): string {
  return title.trim().replace(/^\*+|\*+$/g, '');
}

/**
 * The digest sent on reconnect for alerts too old to send one by one:
 *
 * ```
 * While disconnected you missed 23 alerts:
 * - 10:15:02 Order Placed
 * - …(newest first, at most 20 lines)
 * …and 3 more
 * ```
 * `total` is how many were missed (it may exceed `items.length` when the caller loads only the
 * newest). When the listed alerts span more than one day in `timeZone`, each line starts with
 * the day too (`- 24 Aug 10:15:02 Order Placed`).
 */
export function renderMissedDigest(
  items: MissedAlert[],
  total: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const missed = Math.max(total, items.length);
  const shown = [...items]
    .sort((a, b) => b.eventAt.getTime() - a.eventAt.getTime())
    .slice(0, DIGEST_MAX_ITEMS);
  const manyDays = new Set(shown.map((item) => dayKey(item.eventAt, timeZone))).size > 1;
  const lines = [`While disconnected you missed ${missed} ${missed === 1 ? 'alert' : 'alerts'}:`];
  for (const item of shown) {
    const clock = formatClock(item.eventAt, timeZone);
    const when = manyDays ? `${formatDay(item.eventAt, timeZone)} ${clock}` : clock;
    lines.push(`- ${when} ${plainTitle(item.title)}`);
  }
  if (missed > shown.length) lines.push(`…and ${missed - shown.length} more`);
  return lines.join('\n');
}

/** The title line and the key line of one rendered alert, for {@link renderBurst}. */
function summarise(alert: string): string[] {
  const lines = alert.split('\n').filter((line) => !/^_Delayed by .*_$/.test(line));
  const [title = ''] = lines;
  const analyze = lines.includes(ANALYZE_MODE_LINE) ? ' _(analyze)_' : '';
  const separatorAt = lines.indexOf(SEPARATOR);
  // The key line is the body's first line (a bodiless alert offers its Time line instead);
  // text without the alert layout offers its second line.
  const key = separatorAt >= 0 ? lines[separatorAt + 1] : lines[1];
  return key === undefined ? [title + analyze] : [title + analyze, key];
}

/**
 * One message for a burst of alerts (more than 5 within 10 s for one recipient):
 *
 * ```
 * *6 alerts*
 *
 * *Order Placed*
 * Symbol: RELIANCE
 *
 * *Order Cancelled* _(analyze)_
 * Order ID: 26082409151234
 * ```
 * A header, then per alert (oldest first, as given) its title line and key line, blocks separated
 * by blank lines. The key line is the first body line; analyze-mode alerts are marked on the
 * title line because the mode line itself is left out; `_Delayed by …_` lines are dropped.
 */
export function renderBurst(alerts: string[]): string {
  const blocks = alerts.map((alert) => summarise(alert).join('\n'));
  const header = `*${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}*`;
  return [header, ...blocks].join('\n\n');
}
