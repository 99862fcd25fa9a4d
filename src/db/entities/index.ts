/**
 * Every entity of SPEC §9, one file per table. Callers import these from `src/db/index.ts`.
 * `ALL_ENTITY_SCHEMAS` is the explicit list given to MikroORM, so no folder is scanned at boot.
 */
import { AdminSessionSchema } from './admin-session.entity.ts';
import { AdminUserSchema } from './admin-user.entity.ts';
import { CommandLogSchema } from './command-log.entity.ts';
import { IdempotencyKeySchema } from './idempotency-key.entity.ts';
import { InboundMessageSchema } from './inbound-message.entity.ts';
import { LoginAttemptSchema } from './login-attempt.entity.ts';
import { OutboxMessageSchema } from './outbox-message.entity.ts';
import { SentMessageSchema } from './sent-message.entity.ts';
import { SettingSchema } from './setting.entity.ts';
import { SsoTokenSchema } from './sso-token.entity.ts';
import { WebhookEventSchema } from './webhook-event.entity.ts';
import { WhatsappAuthSchema } from './whatsapp-auth.entity.ts';
import { WhatsappConfigSchema } from './whatsapp-config.entity.ts';
import { WhatsappUserPreferencesSchema } from './whatsapp-user-preferences.entity.ts';
import { WhatsappUserSchema } from './whatsapp-user.entity.ts';

export * from './admin-session.entity.ts';
export * from './admin-user.entity.ts';
export * from './command-log.entity.ts';
export * from './idempotency-key.entity.ts';
export * from './inbound-message.entity.ts';
export * from './login-attempt.entity.ts';
export * from './outbox-message.entity.ts';
export * from './sent-message.entity.ts';
export * from './setting.entity.ts';
export * from './sso-token.entity.ts';
export * from './webhook-event.entity.ts';
export * from './whatsapp-auth.entity.ts';
export * from './whatsapp-config.entity.ts';
export * from './whatsapp-user-preferences.entity.ts';
export * from './whatsapp-user.entity.ts';

/** Every entity schema, in the order the initial migration creates their tables. */
export const ALL_ENTITY_SCHEMAS = [
  WhatsappConfigSchema,
  WhatsappAuthSchema,
  WhatsappUserSchema,
  WhatsappUserPreferencesSchema,
  CommandLogSchema,
  OutboxMessageSchema,
  WebhookEventSchema,
  InboundMessageSchema,
  SentMessageSchema,
  AdminUserSchema,
  AdminSessionSchema,
  SettingSchema,
  IdempotencyKeySchema,
  SsoTokenSchema,
  LoginAttemptSchema,
] as const;
