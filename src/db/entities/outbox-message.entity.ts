import { defineEntity, p } from '@mikro-orm/core';

/** What produced an outbox row. */
export const OUTBOX_KINDS = ['alert', 'digest', 'notify', 'reply'] as const;
/** One of {@link OUTBOX_KINDS}. */
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** Delivery states of an outbox row (SPEC §4.4): `queued → sending → sent | failed | expired`. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'expired'] as const;
/** One of {@link OUTBOX_STATUSES}. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Attachment kinds the notify API can queue. */
export type OutboxMediaKind = 'image' | 'document';

const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'whatsapp_notification_queue',
  properties: {
    id: p.integer().primary(),
    /** Event id + recipient for alerts, or the notify idempotency key: a second insert fails. */
    idempotencyKey: p.text().unique('whatsapp_notification_queue_idempotency_key_unique'),
    recipientJid: p.text(),
    kind: p.text().$type<OutboxKind>(),
    /** The webhook topic for alerts (e.g. `order.placed`); null otherwise. */
    topic: p.text().nullable(),
    message: p.text().nullable(),
    mediaPath: p.text().nullable(),
    mediaKind: p.text().$type<OutboxMediaKind>().nullable(),
    fileName: p.text().nullable(),
    caption: p.text().nullable(),
    priority: p.integer().default(5),
    status: p.text().$type<OutboxStatus>().default('queued'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().onCreate(() => new Date()),
    /** When the host says the event happened (drives "Delayed by" and the TTL). */
    eventAt: p.datetime().nullable(),
    /** When the row was accepted. */
    createdAt: p.datetime().onCreate(() => new Date()),
    sendingAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    /** Stored before the row is marked sent, so a restart can reconcile instead of resending. */
    waMessageId: p.text().nullable(),
    errorMessage: p.text().nullable(),
    /** The id of the burst or digest row this alert was folded into. */
    coalescedInto: p.integer().nullable(),
  },
  indexes: [
    {
      name: 'whatsapp_notification_queue_status_next_attempt_at_index',
      properties: ['status', 'nextAttemptAt'],
    },
    {
      name: 'whatsapp_notification_queue_recipient_jid_created_at_index',
      properties: ['recipientJid', 'createdAt'],
    },
    { name: 'whatsapp_notification_queue_created_at_index', properties: ['createdAt'] },
  ],
});

/** One message waiting for, or done with, delivery (the durable outbox, SPEC §4.4). */
export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);
export { OutboxMessageSchema };
