import { defineEntity, p } from '@mikro-orm/core';

const AdminUserSchema = defineEntity({
  name: 'AdminUser',
  tableName: 'admin_users',
  properties: {
    id: p.integer().primary(),
    username: p.text().unique(),
    /** argon2id hash (SPEC §7.1). */
    passwordHash: p.text().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastLoginAt: p.datetime().nullable(),
  },
});

/** A local admin account for the web UI. */
export class AdminUser extends AdminUserSchema.class {}
AdminUserSchema.setClass(AdminUser);
export { AdminUserSchema };
