import { defineEntity, p } from '@mikro-orm/core';

/** What became of a received webhook (SPEC §4.2, §4.3). */
export const WEBHOOK_OUTCOMES = ['queued', 'recorded', 'ignored', 'dropped', 'duplicate'] as const;
/** One of {@link WEBHOOK_OUTCOMES}. */
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

const WebhookEventSchema = defineEntity({
  name: 'WebhookEvent',
  tableName: 'webhook_events',
  properties: {
    /** The Standard Webhooks `webhook-id`: a repeat is answered from this row. */
    webhookId: p.text().primary(),
    topic: p.text(),
    /** The host user the event belongs to (`data.username`). */
    username: p.text().nullable(),
    eventAt: p.datetime().nullable(),
    receivedAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
    outcome: p.text().$type<WebhookOutcome>(),
    alertCount: p.integer().default(0),
  },
});

/** The webhook ledger: one row per received event id, kept at least 24 h. */
export class WebhookEvent extends WebhookEventSchema.class {}
WebhookEventSchema.setClass(WebhookEvent);
export { WebhookEventSchema };
