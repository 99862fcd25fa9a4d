/**
 * The migration suite shared by SQLite (test/integration/db) and PostgreSQL (test/pg): the same
 * assertions run against both, so the two dialects of the initial migration cannot drift apart.
 */
import { expect } from 'chai';
import {
  OutboxMessage,
  Setting,
  UniqueConstraintViolationException,
  WhatsappAuth,
  WhatsappConfig,
  WhatsappUserPreferences,
  openDatabase,
  type Database,
} from '../../src/db/index.ts';

/** A database the suite can run against. */
export interface MigrationSuiteTarget {
  kind: Database['kind'];
  /** Returns the URL of an empty database (no tables); called before each test. */
  freshDatabaseUrl(): Promise<string>;
}

/** Splits a whitespace-separated list of column names. */
function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== '');
}

/** A table's expected primary key and columns, each given as a whitespace-separated list. */
function table(primaryKey: string, columns: string): { primaryKey: string[]; columns: string[] } {
  return { primaryKey: words(primaryKey), columns: words(columns) };
}

/**
 * Every table with its primary key and the columns later features rely on, written out from
 * SPEC §9 and research/openalgo-admin.md §6 rather than derived from the code under test.
 */
export const EXPECTED_TABLES = {
  whatsapp_config: table(
    'id',
    `own_jid own_phone bot_username owner_user_id owner_username is_paired is_active paired_at
     max_message_length rate_limit_per_minute broadcast_enabled created_at updated_at state
     state_since own_lid known_lids mode owner_phones wa_version last_inbound_at
     last_outbound_at session_schema_version`,
  ),
  whatsapp_auth: table('type key_id', 'value updated_at'),
  whatsapp_users: table(
    'id',
    `whatsapp_jid phone_number openalgo_username encrypted_api_key host_url display_name broker
     is_active notifications_enabled created_at updated_at last_command_at api_key_hash`,
  ),
  whatsapp_user_preferences: table(
    'whatsapp_jid',
    `order_notifications trade_notifications pnl_notifications daily_summary summary_time
     language timezone quiet_hours_start quiet_hours_end muted_until created_at updated_at`,
  ),
  whatsapp_command_logs: table(
    'id',
    'whatsapp_jid command parameters outcome duration_ms error_ref executed_at',
  ),
  whatsapp_notification_queue: table(
    'id',
    `idempotency_key recipient_jid kind topic message media_path media_kind file_name caption
     priority status attempts next_attempt_at event_at created_at sending_at sent_at
     wa_message_id error_message coalesced_into`,
  ),
  webhook_events: table('webhook_id', 'topic username event_at received_at outcome alert_count'),
  inbound_messages: table('message_id chat_jid', 'received_at processed_at'),
  sent_messages: table('message_id', 'chat_jid content created_at'),
  admin_users: table('id', 'username password_hash created_at last_login_at'),
  admin_sessions: table('sid', 'data expires_at'),
  settings: table('key', 'value updated_at'),
  idempotency_keys: table('key', 'response_status response_body created_at'),
  sso_tokens: table('jti', 'expires_at'),
  login_attempts: table('id', 'scope subject attempted_at'),
};

/** Indexes the hot queries depend on (outbox drain, ledgers' purges, notify key lookup). */
const EXPECTED_INDEXES: Record<string, string[]> = {
  whatsapp_notification_queue: [
    'whatsapp_notification_queue_idempotency_key_unique',
    'whatsapp_notification_queue_status_next_attempt_at_index',
  ],
  whatsapp_users: ['whatsapp_users_whatsapp_jid_unique', 'whatsapp_users_api_key_hash_index'],
  whatsapp_command_logs: ['whatsapp_command_logs_executed_at_index'],
  webhook_events: ['webhook_events_received_at_index'],
  inbound_messages: ['inbound_messages_received_at_index'],
  sent_messages: ['sent_messages_created_at_index'],
  admin_sessions: ['admin_sessions_expires_at_index'],
  idempotency_keys: ['idempotency_keys_created_at_index'],
  login_attempts: ['login_attempts_attempted_at_index'],
};

/** The error `promise` rejects with; fails the test when it resolves instead. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

/** Rows of a raw query through the database's own connection. */
async function rows(
  db: Database,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  return db.em().getConnection().execute<Record<string, unknown>[]>(sql, params);
}

/** The column names of `table`. */
export async function columnsOf(db: Database, table: string): Promise<string[]> {
  if (db.kind === 'sqlite')
    return (await rows(db, `pragma table_info('${table}')`)).map((r) => String(r.name));
  const result = await rows(
    db,
    'select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?',
    [table],
  );
  return result.map((r) => String(r.column_name));
}

/** The primary-key columns of `table`, in key order. */
export async function primaryKeyOf(db: Database, table: string): Promise<string[]> {
  if (db.kind === 'sqlite') {
    const info = (await rows(db, `pragma table_info('${table}')`)).filter((r) => Number(r.pk) > 0);
    return info.sort((a, b) => Number(a.pk) - Number(b.pk)).map((r) => String(r.name));
  }
  const result = await rows(
    db,
    `select a.attname as name from pg_index i
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ?::regclass and i.indisprimary
      order by array_position(i.indkey::int2[], a.attnum)`,
    [table],
  );
  return result.map((r) => String(r.name));
}

/** The index names of `table`. */
export async function indexesOf(db: Database, table: string): Promise<string[]> {
  if (db.kind === 'sqlite')
    return (await rows(db, `pragma index_list('${table}')`)).map((r) => String(r.name));
  const result = await rows(
    db,
    'select indexname from pg_indexes where schemaname = current_schema() and tablename = ?',
    [table],
  );
  return result.map((r) => String(r.indexname));
}

/** Registers the shared migration tests in the current mocha `describe`. */
export function defineMigrationSuite(target: MigrationSuiteTarget): void {
  const open = useFreshDatabase(target);
  describe('schema', () => defineSchemaTests(target, open));
  describe('data', () => defineDataTests(open));
}

/** Gives each test an empty database; returns an opener whose databases are closed after it. */
function useFreshDatabase(target: MigrationSuiteTarget): () => Promise<Database> {
  let databaseUrl: string;
  const opened: Database[] = [];
  beforeEach(async () => {
    databaseUrl = await target.freshDatabaseUrl();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
  return async () => {
    const db = await openDatabase({ databaseUrl });
    opened.push(db);
    return db;
  };
}

function defineSchemaTests(target: MigrationSuiteTarget, open: () => Promise<Database>): void {
  it(`opens as ${target.kind} and creates every table with its key and columns`, async () => {
    const db = await open();
    expect(db.kind).to.equal(target.kind);
    for (const [table, expected] of Object.entries(EXPECTED_TABLES)) {
      expect(await primaryKeyOf(db, table), `${table} primary key`).to.deep.equal(
        expected.primaryKey,
      );
      expect(await columnsOf(db, table), `${table} columns`).to.include.members(expected.columns);
    }
    for (const [table, indexes] of Object.entries(EXPECTED_INDEXES)) {
      expect(await indexesOf(db, table), `${table} indexes`).to.include.members(indexes);
    }
  });

  it('leaves nothing for the schema generator to change (entities match the migration)', async () => {
    const db = await open();
    expect(await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).to.equal('');
  });

  it('runs each migration once: a second open applies nothing and keeps the data', async () => {
    const first = await open();
    expect(first.migrationsApplied).to.deep.equal(['Migration20251123000000_initial']);
    await first.transactional(async (em) => {
      em.create(Setting, { key: 'owner_username', value: 'trader1' });
      await em.flush();
    });
    await first.close();

    const second = await open();
    expect(second.migrationsApplied).to.deep.equal([]);
    expect(await rows(second, 'select name from mikro_orm_migrations')).to.have.length(1);
    const setting = await second.em().findOneOrFail(Setting, { key: 'owner_username' });
    expect(setting.value).to.equal('trader1');
  });
}

function defineDataTests(open: () => Promise<Database>): void {
  it('seeds the singleton whatsapp_config row with its defaults and refuses a second row', async () => {
    const db = await open();
    const config = await db.em().findOneOrFail(WhatsappConfig, { id: 1 });
    expect(config).to.include({ state: 'unpaired', mode: 'self_chat', isPaired: false });
    expect(config).to.include({
      maxMessageLength: 4096,
      broadcastEnabled: true,
      sessionSchemaVersion: 0,
    });
    expect(config.knownLids).to.deep.equal([]);
    expect(config.createdAt).to.be.instanceOf(Date);
    const now = db.kind === 'sqlite' ? Date.now() : new Date();
    const insertSecond = rows(
      db,
      'insert into whatsapp_config (id, created_at, updated_at) values (2, ?, ?)',
      [now, now],
    );
    expect(await rejectionOf(insertSecond)).to.be.instanceOf(Error);
  });

  it('round-trips an encrypted auth entry under its composite key', async () => {
    const db = await open();
    const token = 'gAAAAABl' + 'x'.repeat(300);
    await db.transactional(async (em) => {
      em.create(WhatsappAuth, { type: 'creds', keyId: 'creds', value: token });
      em.create(WhatsappAuth, { type: 'pre-key', keyId: '7', value: 'other' });
      await em.flush();
    });
    const found = await db.em().findOneOrFail(WhatsappAuth, { type: 'creds', keyId: 'creds' });
    expect(found.value).to.equal(token);
    expect(found.updatedAt).to.be.instanceOf(Date);
    expect(await db.em().count(WhatsappAuth, { type: 'pre-key' })).to.equal(1);
  });

  it('enforces the outbox idempotency key and keeps the first row', async () => {
    const db = await open();
    const eventAt = new Date('2025-01-02T03:04:05.678Z');
    const alert = { idempotencyKey: 'msg_1:owner', recipientJid: '919800000000@s.whatsapp.net' };
    await db.transactional(async (em) => {
      em.create(OutboxMessage, {
        ...alert,
        kind: 'alert',
        topic: 'order.placed',
        message: 'first',
        eventAt,
      });
      await em.flush();
    });
    const duplicate = db.transactional(async (em) => {
      em.create(OutboxMessage, { ...alert, kind: 'alert', message: 'second' });
      await em.flush();
    });
    expect(await rejectionOf(duplicate)).to.be.instanceOf(UniqueConstraintViolationException);
    const stored = await db.em().find(OutboxMessage, { idempotencyKey: alert.idempotencyKey });
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ message: 'first', status: 'queued', attempts: 0, priority: 5 });
    expect(stored[0]?.eventAt?.toISOString()).to.equal(eventAt.toISOString());
  });

  it('round-trips JSON settings and boolean preferences with their defaults', async () => {
    const db = await open();
    const value = { roots: ['/srv/a', '/srv/b'], limit: 30, nested: { on: true, none: null } };
    await db.transactional(async (em) => {
      em.create(Setting, { key: 'attachment', value });
      em.create(Setting, { key: 'plain', value: 'just text' });
      em.create(WhatsappUserPreferences, { whatsappJid: 'owner', quietHoursStart: '22:00' });
      await em.flush();
    });
    const em = db.em();
    expect((await em.findOneOrFail(Setting, { key: 'attachment' })).value).to.deep.equal(value);
    expect((await em.findOneOrFail(Setting, { key: 'plain' })).value).to.equal('just text');
    const prefs = await em.findOneOrFail(WhatsappUserPreferences, { whatsappJid: 'owner' });
    expect(prefs).to.include({ tradeNotifications: false, orderNotifications: true });
    expect(prefs).to.include({
      timezone: 'Asia/Kolkata',
      quietHoursStart: '22:00',
      quietHoursEnd: null,
    });
  });

  it('rolls a failed transaction back completely', async () => {
    const db = await open();
    const failing = db.transactional(async (em) => {
      em.create(Setting, { key: 'half', value: 1 });
      await em.flush();
      throw new Error('boom');
    });
    expect(await rejectionOf(failing)).to.have.property('message', 'boom');
    expect(await db.em().count(Setting, { key: 'half' })).to.equal(0);
  });

  it('answers ping while open and reports false once closed', async () => {
    const db = await open();
    expect(await db.ping()).to.equal(true);
    await db.close();
    expect(await db.ping()).to.equal(false);
  });
}
