import type { SqlDialect } from './sql-dialect.ts';

/**
 * DDL of the initial migration, part 2: alerts, commands and the ledgers behind them
 * (SPEC §4, §5.4, §6). Frozen once released: later schema changes go in new migrations.
 */
export function activityTablesSql(d: SqlDialect): string[] {
  return [
    `create table whatsapp_command_logs (
      id ${d.serialPrimaryKey},
      whatsapp_jid text not null,
      command text not null,
      parameters text null,
      outcome text not null,
      duration_ms integer null,
      error_ref text null,
      executed_at ${d.timestamp} not null
    )`,
    'create index whatsapp_command_logs_whatsapp_jid_index on whatsapp_command_logs (whatsapp_jid)',
    'create index whatsapp_command_logs_executed_at_index on whatsapp_command_logs (executed_at)',
    `create table whatsapp_notification_queue (
      id ${d.serialPrimaryKey},
      idempotency_key text not null,
      recipient_jid text not null,
      kind text not null,
      topic text null,
      message text null,
      media_path text null,
      media_kind text null,
      file_name text null,
      caption text null,
      priority integer not null default 5,
      status text not null default 'queued',
      attempts integer not null default 0,
      next_attempt_at ${d.timestamp} not null,
      event_at ${d.timestamp} null,
      created_at ${d.timestamp} not null,
      sending_at ${d.timestamp} null,
      sent_at ${d.timestamp} null,
      wa_message_id text null,
      error_message text null,
      coalesced_into integer null
    )`,
    `create unique index whatsapp_notification_queue_idempotency_key_unique
      on whatsapp_notification_queue (idempotency_key)`,
    `create index whatsapp_notification_queue_status_next_attempt_at_index
      on whatsapp_notification_queue (status, next_attempt_at)`,
    `create index whatsapp_notification_queue_recipient_jid_created_at_index
      on whatsapp_notification_queue (recipient_jid, created_at)`,
    `create index whatsapp_notification_queue_created_at_index
      on whatsapp_notification_queue (created_at)`,
    `create table webhook_events (
      webhook_id text not null primary key,
      topic text not null,
      username text null,
      event_at ${d.timestamp} null,
      received_at ${d.timestamp} not null,
      outcome text not null,
      alert_count integer not null default 0
    )`,
    'create index webhook_events_received_at_index on webhook_events (received_at)',
    `create table idempotency_keys (
      "key" text not null primary key,
      response_status integer not null,
      response_body text not null,
      created_at ${d.timestamp} not null
    )`,
    'create index idempotency_keys_created_at_index on idempotency_keys (created_at)',
  ];
}

/** Tables created by {@link activityTablesSql}, in creation order. */
export const ACTIVITY_TABLES = [
  'whatsapp_command_logs',
  'whatsapp_notification_queue',
  'webhook_events',
  'idempotency_keys',
] as const;
