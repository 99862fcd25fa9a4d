/**
 * Figures for the stats page and `GET /whatsapp/stats?days=N` (SPEC §7.2, §7.3): commands by
 * name, alerts by topic, and delivery latency (event → sent) p50/p95, read straight from the
 * audit log, the outbox and the webhook ledger.
 */
import { raw } from '@mikro-orm/core';
import { CommandLog, OutboxMessage, WebhookEvent, type Database } from '../db/index.ts';

/** Latency percentiles over one window, in milliseconds; null when nothing was sent. */
export interface Latency {
  days: number;
  count: number;
  p50: number | null;
  p95: number | null;
}

/** The figures for `days`. */
export interface Stats {
  days: number;
  totalCommands: number;
  byCommand: Record<string, number>;
  totalAlerts: number;
  byTopic: Record<string, number>;
  /** Failure events recorded but not sent (SPEC §4.2). */
  recordedOnly: number;
  latency: Latency[];
}

/** Latency windows shown on the stats page. */
export const LATENCY_WINDOWS = [1, 7, 30] as const;
const DAY_MS = 86_400_000;
const MAX_LATENCY_ROWS = 100_000;

/** Clamps `days` as OpenAlgo does: 1–365, anything not an integer becomes 7. */
export function clampDays(value: unknown): number {
  const days = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(days)) return 7;
  return Math.min(365, Math.max(1, days));
}

/** The value at quantile `q` (nearest rank) of sorted numbers. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? null;
}

interface CountRow {
  key: string | null;
  n: number | string;
}

function toRecord(rows: CountRow[]): Record<string, number> {
  const record: Record<string, number> = {};
  for (const row of rows.sort((a, b) => Number(b.n) - Number(a.n))) {
    record[row.key ?? '(none)'] = Number(row.n);
  }
  return record;
}

async function commandCounts(db: Database, since: Date): Promise<Record<string, number>> {
  const rows = await db
    .em()
    .createQueryBuilder(CommandLog, 'c')
    .select([raw('c.command as "key"'), raw('count(*) as "n"')])
    .where({ executedAt: { $gte: since } })
    .groupBy('c.command')
    .execute<CountRow[]>('all', false);
  return toRecord(rows);
}

async function topicCounts(db: Database, since: Date): Promise<Record<string, number>> {
  const rows = await db
    .em()
    .createQueryBuilder(OutboxMessage, 'o')
    .select([raw('o.topic as "key"'), raw('count(*) as "n"')])
    .where({ kind: 'alert', createdAt: { $gte: since } })
    .groupBy('o.topic')
    .execute<CountRow[]>('all', false);
  return toRecord(rows);
}

async function latency(db: Database, days: number, now: number): Promise<Latency> {
  const rows = await db.em().find(
    OutboxMessage,
    { kind: 'alert', status: 'sent', sentAt: { $gte: new Date(now - days * DAY_MS) } },
    {
      fields: ['sentAt', 'eventAt', 'createdAt'],
      orderBy: { id: 'desc' },
      limit: MAX_LATENCY_ROWS,
    },
  );
  const values = rows
    .map((row) => (row.sentAt?.getTime() ?? 0) - (row.eventAt ?? row.createdAt).getTime())
    .filter((ms) => ms >= 0)
    .sort((a, b) => a - b);
  return { days, count: values.length, p50: quantile(values, 0.5), p95: quantile(values, 0.95) };
}

/** Reads the figures. */
export async function readStats(db: Database, days: number, now = Date.now()): Promise<Stats> {
  const since = new Date(now - days * DAY_MS);
  const [byCommand, byTopic, recordedOnly, windows] = await Promise.all([
    commandCounts(db, since),
    topicCounts(db, since),
    db.em().count(WebhookEvent, { outcome: 'recorded', receivedAt: { $gte: since } }),
    Promise.all(LATENCY_WINDOWS.map((window) => latency(db, window, now))),
  ]);
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return {
    days,
    totalCommands: sum(byCommand),
    byCommand,
    totalAlerts: sum(byTopic),
    byTopic,
    recordedOnly,
    latency: windows,
  };
}

/** The JSON of `GET /whatsapp/stats`: OpenAlgo's fields first, then ours. */
export function statsJson(stats: Stats): Record<string, unknown> {
  return {
    total_commands: stats.totalCommands,
    by_command: stats.byCommand,
    days: stats.days,
    total_alerts: stats.totalAlerts,
    alerts_by_topic: stats.byTopic,
    recorded_not_sent: stats.recordedOnly,
    delivery_latency_ms: stats.latency.map((l) => ({
      days: l.days,
      count: l.count,
      p50: l.p50,
      p95: l.p95,
    })),
  };
}
