import { defineEntity, p } from '@mikro-orm/core';

const AdminSessionSchema = defineEntity({
  name: 'AdminSession',
  tableName: 'admin_sessions',
  properties: {
    sid: p.text().primary(),
    /** The koa-session payload. */
    data: p.json<Record<string, unknown>>().columnType('text'),
    expiresAt: p.datetime().index(),
  },
});

/** A koa-session record in the database store (SPEC §7.1). */
export class AdminSession extends AdminSessionSchema.class {}
AdminSessionSchema.setClass(AdminSession);
export { AdminSessionSchema };
