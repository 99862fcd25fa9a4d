/**
 * The activity page's three logs (SPEC §7.2 Activity), filtered and paged: command audit log,
 * alert/outbox log (state, delay, error), webhook ledger. Phone numbers are masked here, before
 * anything reaches a template.
 */
import {
  CommandLog,
  OUTBOX_STATUSES,
  OutboxMessage,
  WEBHOOK_OUTCOMES,
  WebhookEvent,
  type Database,
} from '../db/index.ts';
import { maskJid } from '../logger.ts';

/** Rows per page. */
export const PAGE_SIZE = 50;
/** The tabs. */
export const ACTIVITY_TABS = ['alerts', 'commands', 'webhooks'] as const;
/** One tab. */
export type ActivityTab = (typeof ACTIVITY_TABS)[number];

/** A filter and page, already checked. */
export interface ActivityQuery {
  tab: ActivityTab;
  page: number;
  /** Status (alerts), outcome (commands, webhooks). */
  state: string;
  /** Topic (alerts, webhooks) or command name prefix (commands). */
  name: string;
}

/** One page of rows, as display strings. */
export interface ActivityPage {
  query: ActivityQuery;
  total: number;
  pages: number;
  columns: string[];
  rows: Array<Record<string, string>>;
  /** Allowed values of the state filter for this tab. */
  states: readonly string[];
}

const COMMAND_OUTCOMES = [
  'ok',
  'host_error',
  'error',
  'refused',
  'rate_limited',
  'stale',
  'confirm',
];

/** Reads and checks the query string. */
export function parseActivityQuery(query: Record<string, unknown>): ActivityQuery {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 80) : '');
  const tab = (ACTIVITY_TABS as readonly string[]).includes(text(query.tab))
    ? (text(query.tab) as ActivityTab)
    : 'alerts';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(text(query.page), 10) || 1));
  return { tab, page, state: text(query.state), name: text(query.name) };
}

function time(date: Date | null | undefined): string {
  return date ? date.toISOString().replace('T', ' ').slice(0, 19) : '';
}

/** "4m12s" style duration. */
export function formatDuration(ms: number | null): string {
  if (ms === null || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

const like = (value: string) => `${value.replace(/[%_\\]/g, '')}%`;

async function alertsPage(
  db: Database,
  q: ActivityQuery,
): Promise<Omit<ActivityPage, 'query' | 'pages'>> {
  const where = {
    ...((OUTBOX_STATUSES as readonly string[]).includes(q.state)
      ? { status: q.state as OutboxMessage['status'] }
      : {}),
    ...(q.name ? { topic: { $like: like(q.name) } } : {}),
  };
  const [rows, total] = await db.em().findAndCount(OutboxMessage, where, {
    orderBy: { id: 'desc' },
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  });
  return {
    total,
    states: OUTBOX_STATUSES,
    columns: ['Created', 'Kind', 'Topic', 'To', 'State', 'Attempts', 'Delay', 'Error'],
    rows: rows.map((row) => ({
      Created: time(row.createdAt),
      Kind: row.kind,
      Topic: row.topic ?? '',
      To: maskJid(row.recipientJid),
      State: row.status,
      Attempts: String(row.attempts),
      Delay: row.sentAt
        ? formatDuration(row.sentAt.getTime() - (row.eventAt ?? row.createdAt).getTime())
        : '',
      Error: row.errorMessage ?? '',
    })),
  };
}

async function commandsPage(
  db: Database,
  q: ActivityQuery,
): Promise<Omit<ActivityPage, 'query' | 'pages'>> {
  const where = {
    ...(q.state ? { outcome: q.state } : {}),
    ...(q.name ? { command: { $like: like(q.name.replace(/^\//, '')) } } : {}),
  };
  const [rows, total] = await db.em().findAndCount(CommandLog, where, {
    orderBy: { id: 'desc' },
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  });
  return {
    total,
    states: COMMAND_OUTCOMES,
    columns: ['Time', 'Command', 'Arguments', 'From', 'Outcome', 'Took', 'Ref'],
    rows: rows.map((row) => ({
      Time: time(row.executedAt),
      Command: `/${row.command}`,
      Arguments:
        row.parameters === null || row.parameters === undefined
          ? ''
          : JSON.stringify(row.parameters).slice(0, 120),
      From: maskJid(row.whatsappJid),
      Outcome: row.outcome,
      Took: formatDuration(row.durationMs ?? null),
      Ref: row.errorRef ?? '',
    })),
  };
}

async function webhooksPage(
  db: Database,
  q: ActivityQuery,
): Promise<Omit<ActivityPage, 'query' | 'pages'>> {
  const where = {
    ...((WEBHOOK_OUTCOMES as readonly string[]).includes(q.state)
      ? { outcome: q.state as WebhookEvent['outcome'] }
      : {}),
    ...(q.name ? { topic: { $like: like(q.name) } } : {}),
  };
  const [rows, total] = await db.em().findAndCount(WebhookEvent, where, {
    orderBy: { receivedAt: 'desc' },
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  });
  return {
    total,
    states: WEBHOOK_OUTCOMES,
    columns: ['Received', 'Id', 'Topic', 'User', 'Outcome', 'Alerts', 'Event time'],
    rows: rows.map((row) => ({
      Received: time(row.receivedAt),
      Id: row.webhookId.slice(0, 40),
      Topic: row.topic,
      User: row.username ?? '',
      Outcome: row.outcome,
      Alerts: String(row.alertCount),
      'Event time': time(row.eventAt),
    })),
  };
}

/** Reads one page of the chosen log. */
export async function readActivity(db: Database, query: ActivityQuery): Promise<ActivityPage> {
  const readers = { alerts: alertsPage, commands: commandsPage, webhooks: webhooksPage };
  const page = await readers[query.tab](db, query);
  return { ...page, query, pages: Math.max(1, Math.ceil(page.total / PAGE_SIZE)) };
}
