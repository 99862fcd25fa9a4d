/**
 * Host single sign-on (SPEC §7.1): `GET /whatsapp/sso?token=…`. The token is checked against the
 * key of every accepted webhook secret (the host may still sign with the previous one during a
 * rotation), must not have been used before (its `jti` is stored; a second insert fails), and
 * signs in its `sub`. The first host user to arrive this way becomes the owner unless one is set.
 */
import { deriveSsoKey, verifySsoToken, type SsoClaims } from '../crypto/index.ts';
import { SsoToken, UniqueConstraintViolationException, type Database } from '../db/index.ts';
import { AuthError } from '../errors.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';

/** Said when a token comes back a second time. */
export const SSO_REUSED_MESSAGE =
  'This sign-in link has already been used. Open it again from the host.';

/** What {@link createSsoSignIn} needs. */
export interface SsoDeps {
  db: Database;
  settings: Pick<OwnerSettings, 'getOwnerUsername' | 'setOwnerUsername'>;
  /** Current and grace-period webhook secrets, newest first. */
  webhookSecrets: () => Promise<string[]>;
  now?: () => number;
}

/** Verifies a token; resolves with the host username to sign in, or throws AuthError in words. */
export type SsoSignIn = (token: string) => Promise<string>;

function verifyWithAny(secrets: string[], token: string, nowSec: number): SsoClaims {
  let failure: unknown = new AuthError('Sign-in link is malformed', { code: 'sso_invalid' });
  for (const secret of secrets) {
    try {
      return verifySsoToken(deriveSsoKey(secret), token, nowSec);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** Builds the SSO check. */
export function createSsoSignIn(deps: SsoDeps): SsoSignIn {
  const now = deps.now ?? Date.now;
  return async (token) => {
    const claims = verifyWithAny(await deps.webhookSecrets(), token, Math.floor(now() / 1000));
    const em = deps.db.em();
    try {
      await em.insert(SsoToken, { jti: claims.jti, expiresAt: new Date(claims.exp * 1000) });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new AuthError(SSO_REUSED_MESSAGE, { code: 'sso_reused' });
      }
      throw error;
    }
    await em.nativeDelete(SsoToken, { expiresAt: { $lt: new Date(now() - 60_000) } });
    if ((await deps.settings.getOwnerUsername()) === null) {
      await deps.settings.setOwnerUsername(claims.sub);
    }
    return claims.sub;
  };
}
