import { defineEntity, p } from '@mikro-orm/core';

const IdempotencyKeySchema = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: {
    /** Scope + client key (e.g. `notify:<api key hash>:<Idempotency-Key>`). */
    key: p.text().primary(),
    responseStatus: p.integer(),
    /** The first response body, replayed verbatim for 24 h (SPEC §6). */
    responseBody: p.text(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});

/** A remembered response for an `Idempotency-Key` retry. */
export class IdempotencyKey extends IdempotencyKeySchema.class {}
IdempotencyKeySchema.setClass(IdempotencyKey);
export { IdempotencyKeySchema };
