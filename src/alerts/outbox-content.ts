/**
 * What an outbox row becomes on the wire: its text (with the "delayed by" line for late alerts) or
 * its media, and the text of carrier rows that stand for several alerts (missed digest, held
 * digest, burst). Pure functions of the rows and the time.
 */
import { basename } from 'node:path';
import type { OutboxMessage } from '../db/index.ts';
import {
  renderBurst,
  renderDelayedPrefix,
  renderMissedDigest,
} from '../presenters/alerts/index.ts';
import type { OutgoingContent } from '../whatsapp/transport.ts';
import type { CarrierType } from './lanes.ts';
import { orderTime } from './outbox-plan.ts';

/** Alerts delivered later than this after their event get the `_Delayed by …_` first line. */
export const DELAY_NOTICE_AFTER_MS = 60_000;

/** First line of the digest of alerts held by quiet hours or mute. */
export const HELD_DIGEST_HEADER = '_Held during quiet hours_';

type ContentRow = Pick<
  OutboxMessage,
  'kind' | 'message' | 'eventAt' | 'createdAt' | 'mediaPath' | 'mediaKind' | 'fileName' | 'caption'
>;

/** The alert's title line (first line of its text), for digest lines. */
export function titleOf(row: Pick<OutboxMessage, 'message' | 'topic'>): string {
  const first = (row.message ?? '').split('\n')[0]?.trim();
  return first || (row.topic ?? 'Alert');
}

function mediaContent(row: ContentRow): OutgoingContent | null {
  if (!row.mediaPath) return null;
  if (row.mediaKind === 'image') {
    const caption = row.caption ?? row.message ?? undefined;
    return { type: 'image', path: row.mediaPath, ...(caption ? { caption } : {}) };
  }
  const followUpText = row.message ?? row.caption ?? undefined;
  return {
    type: 'document',
    path: row.mediaPath,
    fileName: row.fileName ?? basename(row.mediaPath),
    ...(followUpText ? { followUpText } : {}),
  };
}

/** The content to send for `row` at time `now` (ms). */
export function contentFor(row: ContentRow, now: number): OutgoingContent {
  const media = mediaContent(row);
  if (media) return media;
  const text = row.message ?? '';
  if (row.kind !== 'alert') return { type: 'text', text };
  const delay = now - orderTime(row);
  if (delay <= DELAY_NOTICE_AFTER_MS) return { type: 'text', text };
  return { type: 'text', text: `${renderDelayedPrefix(delay)}\n${text}` };
}

/** The text of a carrier row standing for `members` (oldest first). */
export function carrierText(
  type: CarrierType,
  members: ReadonlyArray<Pick<OutboxMessage, 'message' | 'topic' | 'eventAt' | 'createdAt'>>,
  timeZone: string,
): string {
  if (type === 'missed') {
    const items = members.map((row) => ({
      title: titleOf(row),
      eventAt: new Date(orderTime(row)),
    }));
    return renderMissedDigest(items, members.length, timeZone);
  }
  const burst = renderBurst(members.map((row) => row.message ?? titleOf(row)));
  return type === 'held' ? `${HELD_DIGEST_HEADER}\n\n${burst}` : burst;
}
