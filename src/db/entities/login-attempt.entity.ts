import { defineEntity, p } from '@mikro-orm/core';

/** What a failed login is counted against: the client IP or the username. */
export type LoginAttemptScope = 'ip' | 'user';

const LoginAttemptSchema = defineEntity({
  name: 'LoginAttempt',
  tableName: 'login_attempts',
  properties: {
    id: p.integer().primary(),
    scope: p.text().$type<LoginAttemptScope>(),
    /** The IP address or username. */
    subject: p.text(),
    attemptedAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
  indexes: [
    {
      name: 'login_attempts_scope_subject_attempted_at_index',
      properties: ['scope', 'subject', 'attemptedAt'],
    },
  ],
});

/** A failed admin login, for the 5-per-15-minutes lockout (SPEC §7.1). */
export class LoginAttempt extends LoginAttemptSchema.class {}
LoginAttemptSchema.setClass(LoginAttempt);
export { LoginAttemptSchema };
