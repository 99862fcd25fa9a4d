import { defineEntity, p } from '@mikro-orm/core';

const SsoTokenSchema = defineEntity({
  name: 'SsoToken',
  tableName: 'sso_tokens',
  properties: {
    /** The token's `jti`: inserting it twice fails, which makes tokens single use. */
    jti: p.text().primary(),
    expiresAt: p.datetime().index(),
  },
});

/** A host SSO token already spent (SPEC §7.1). */
export class SsoToken extends SsoTokenSchema.class {}
SsoTokenSchema.setClass(SsoToken);
export { SsoTokenSchema };
