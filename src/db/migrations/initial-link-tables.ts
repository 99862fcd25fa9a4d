import type { SqlDialect } from './sql-dialect.ts';

/**
 * DDL of the initial migration, part 1: the WhatsApp link and its recipients (SPEC §5, §8, §9).
 * Column names follow OpenAlgo's `database/whatsapp_db.py` where the table exists there.
 * Frozen once released: later schema changes go in new migrations.
 */
export function linkTablesSql(d: SqlDialect): string[] {
  return [
    `create table whatsapp_config (
      id integer not null primary key default 1,
      own_jid text null,
      own_phone text null,
      bot_username text null,
      owner_user_id integer null,
      owner_username text null,
      is_paired ${d.boolean} not null default false,
      is_active ${d.boolean} not null default false,
      paired_at ${d.timestamp} null,
      max_message_length integer not null default 4096,
      rate_limit_per_minute integer not null default 30,
      broadcast_enabled ${d.boolean} not null default true,
      created_at ${d.timestamp} not null,
      updated_at ${d.timestamp} not null,
      "state" text not null default 'unpaired',
      state_since ${d.timestamp} null,
      own_lid text null,
      known_lids text not null default '[]',
      "mode" text not null default 'self_chat',
      owner_phones text not null default '[]',
      wa_version text null,
      last_inbound_at ${d.timestamp} null,
      last_outbound_at ${d.timestamp} null,
      session_schema_version integer not null default 0,
      constraint whatsapp_config_singleton check (id = 1)
    )`,
    // The singleton row exists from the start, as in OpenAlgo, so readers never have to create it.
    `insert into whatsapp_config (id, state_since, created_at, updated_at)
      values (1, ${d.now}, ${d.now}, ${d.now})`,
    `create table whatsapp_auth (
      "type" text not null,
      key_id text not null,
      "value" text not null,
      updated_at ${d.timestamp} not null,
      primary key ("type", key_id)
    )`,
    `create table whatsapp_users (
      id ${d.serialPrimaryKey},
      whatsapp_jid text not null,
      phone_number text not null,
      openalgo_username text not null,
      encrypted_api_key text null,
      host_url text null,
      display_name text null,
      broker text not null default 'default',
      is_active ${d.boolean} not null default true,
      notifications_enabled ${d.boolean} not null default true,
      created_at ${d.timestamp} not null,
      updated_at ${d.timestamp} not null,
      last_command_at ${d.timestamp} null,
      api_key_hash text null
    )`,
    'create unique index whatsapp_users_whatsapp_jid_unique on whatsapp_users (whatsapp_jid)',
    'create index whatsapp_users_phone_number_index on whatsapp_users (phone_number)',
    'create index whatsapp_users_openalgo_username_index on whatsapp_users (openalgo_username)',
    'create index whatsapp_users_api_key_hash_index on whatsapp_users (api_key_hash)',
    `create table whatsapp_user_preferences (
      whatsapp_jid text not null primary key,
      order_notifications ${d.boolean} not null default true,
      trade_notifications ${d.boolean} not null default false,
      pnl_notifications ${d.boolean} not null default true,
      daily_summary ${d.boolean} not null default true,
      summary_time text not null default '18:00',
      "language" text not null default 'en',
      timezone text not null default 'Asia/Kolkata',
      quiet_hours_start text null,
      quiet_hours_end text null,
      muted_until ${d.timestamp} null,
      created_at ${d.timestamp} not null,
      updated_at ${d.timestamp} not null
    )`,
    `create table inbound_messages (
      message_id text not null,
      chat_jid text not null,
      received_at ${d.timestamp} not null,
      processed_at ${d.timestamp} null,
      primary key (message_id, chat_jid)
    )`,
    'create index inbound_messages_received_at_index on inbound_messages (received_at)',
    `create table sent_messages (
      message_id text not null primary key,
      chat_jid text not null,
      content text null,
      created_at ${d.timestamp} not null
    )`,
    'create index sent_messages_created_at_index on sent_messages (created_at)',
  ];
}

/** Tables created by {@link linkTablesSql}, in creation order. */
export const LINK_TABLES = [
  'whatsapp_config',
  'whatsapp_auth',
  'whatsapp_users',
  'whatsapp_user_preferences',
  'inbound_messages',
  'sent_messages',
] as const;
