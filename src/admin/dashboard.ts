/**
 * The dashboard's figures (SPEC §7.2): link state with its words, owner, masked linked number,
 * WhatsApp Web version, alert counts (today in the owner's time zone, queued, failed today), and
 * the last inbound and outbound message times.
 */
import {
  OutboxMessage,
  SentMessage,
  WHATSAPP_CONFIG_ID,
  WhatsappConfig,
  type Database,
} from '../db/index.ts';
import { maskPhone } from '../logger.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';
import type { WhatsAppTransport } from '../whatsapp/transport.ts';
import { jidDigits, linkSummary, type LinkSummary } from './link-status.ts';

/** What the dashboard shows. */
export interface DashboardView {
  link: LinkSummary;
  owner: string | null;
  linkedNumber: string | null;
  waVersion: string | null;
  mode: string;
  alertsToday: number;
  queued: number;
  failedToday: number;
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  timezone: string;
}

/** Midnight today in `timeZone`, as an instant. */
export function startOfDay(timeZone: string, now = new Date()): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  // Time elapsed since local midnight, read off the wall clock in that zone.
  const sinceMidnight = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000;
  return new Date(now.getTime() - now.getMilliseconds() - sinceMidnight);
}

async function lastOutbound(db: Database, row: WhatsappConfig): Promise<Date | null> {
  if (row.lastOutboundAt) return row.lastOutboundAt;
  const [latest] = await db
    .em()
    .find(SentMessage, {}, { orderBy: { createdAt: 'desc' }, limit: 1 });
  return latest?.createdAt ?? null;
}

/** Reads the dashboard. */
export async function readDashboard(
  db: Database,
  settings: OwnerSettings,
  transport: WhatsAppTransport,
): Promise<DashboardView> {
  const row = await db.em().findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  const preferences = await settings.getOwnerPreferences();
  const today = startOfDay(preferences.timezone);
  const [alertsToday, queued, failedToday] = await Promise.all([
    db.em().count(OutboxMessage, { kind: 'alert', createdAt: { $gte: today } }),
    db.em().count(OutboxMessage, { status: { $in: ['queued', 'sending'] } }),
    db.em().count(OutboxMessage, { status: 'failed', createdAt: { $gte: today } }),
  ]);
  const digits = jidDigits(transport.identity()?.pnJid ?? row.ownJid);
  return {
    link: linkSummary(transport),
    owner: row.ownerUsername ?? null,
    linkedNumber: digits ? maskPhone(digits) : null,
    waVersion: transport.waVersion() ?? row.waVersion ?? null,
    mode: row.mode === 'dedicated_number' ? 'Dedicated number' : 'Self-chat',
    alertsToday,
    queued,
    failedToday,
    lastInboundAt: transport.lastInboundAt() ?? row.lastInboundAt ?? null,
    lastOutboundAt: await lastOutbound(db, row),
    timezone: preferences.timezone,
  };
}
