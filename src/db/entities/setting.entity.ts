import { defineEntity, p } from '@mikro-orm/core';

const SettingSchema = defineEntity({
  name: 'Setting',
  tableName: 'settings',
  properties: {
    key: p.text().primary(),
    /** Any JSON value. */
    value: p.json<unknown>().columnType('text'),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

/** A setting changed in the admin UI (env still wins, SPEC §2). */
export class Setting extends SettingSchema.class {}
SettingSchema.setClass(Setting);
export { SettingSchema };
