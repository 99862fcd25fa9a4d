/**
 * Local admin accounts (SPEC §7.1): argon2id password hashes in `admin_users`. Used by the login
 * form, the first-run setup page and `npm run admin -- set-password`.
 */
import { hashPassword, validatePasswordStrength, verifyPassword } from '../crypto/index.ts';
import { AdminUser, type Database } from '../db/index.ts';
import { ValidationError } from '../errors.ts';

/** Allowed usernames: 1–64 letters, digits and `._@-`. */
const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

/** A hash of a password nobody knows, verified when the username does not exist so both paths cost the same. */
let decoyHash: Promise<string> | null = null;

/** Says what is wrong with a username, or null. */
export function usernameProblem(username: string): string | null {
  return USERNAME_PATTERN.test(username)
    ? null
    : 'Username must be 1 to 64 letters, digits or . _ @ -';
}

/** The account store. */
export interface AdminAccounts {
  /** True once any admin exists. */
  exists(): Promise<boolean>;
  /** Creates the user or replaces their password; throws a ValidationError in words. */
  setPassword(username: string, password: string): Promise<void>;
  /** The username when the password matches, else null (same cost either way). */
  verify(username: string, password: string): Promise<string | null>;
}

/** Builds the account store over the database. */
export function createAdminAccounts(db: Database): AdminAccounts {
  return {
    exists: async () => (await db.em().count(AdminUser, {})) > 0,
    async setPassword(username, password) {
      const problem = usernameProblem(username) ?? validatePasswordStrength(password);
      if (problem) throw new ValidationError(problem);
      const passwordHash = await hashPassword(password);
      const em = db.em();
      const existing = await em.findOne(AdminUser, { username });
      if (existing) existing.passwordHash = passwordHash;
      else em.create(AdminUser, { username, passwordHash });
      await em.flush();
    },
    async verify(username, password) {
      const em = db.em();
      const user = usernameProblem(username) ? null : await em.findOne(AdminUser, { username });
      if (!user) {
        decoyHash ??= hashPassword('decoy password that matches nothing');
        await verifyPassword(await decoyHash, password);
        return null;
      }
      if (!(await verifyPassword(user.passwordHash, password))) return null;
      user.lastLoginAt = new Date();
      await em.flush();
      return user.username;
    },
  };
}
