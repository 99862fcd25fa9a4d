/**
 * Host single sign-on tokens (SPEC §7.1). The host signs, we verify; both sides must agree on:
 *
 *     ssoKey  = HMAC-SHA256(key = base64decode(WEBHOOK_SECRET without "whsec_"), message = "sso")
 *     payload = base64url_nopad(UTF-8 JSON {"sub": host username, "exp": Unix seconds, "jti": id})
 *     token   = payload + "." + base64url_nopad(HMAC-SHA256(key = ssoKey, message = ASCII payload))
 *
 * In Python: `hmac.new(base64.b64decode(secret[6:]), b"sso", hashlib.sha256).digest()` gives the
 * key. `exp` must be at most 60 s ahead; single use (the `jti` ledger) is the caller's job.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../errors.ts';
import { decodeBase64Url, encodeBase64Url } from './encoding.ts';
import { decodeWebhookSecret } from './secrets.ts';

/** Furthest ahead of now a token's `exp` may be, in seconds. */
export const SSO_MAX_LIFETIME_SECONDS = 60;
const MAX_FIELD_CHARS = 256;

/** The claims an SSO token carries. */
export interface SsoClaims {
  /** Host username being signed in. */
  sub: string;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Unique token id, for the single-use ledger. */
  jti: string;
}

/** Derives the SSO HMAC key from `WEBHOOK_SECRET` (see the module comment). Throws RangeError. */
export function deriveSsoKey(webhookSecret: string): Buffer {
  const secretBytes = decodeWebhookSecret(webhookSecret);
  if (secretBytes === null)
    throw new RangeError('WEBHOOK_SECRET must be whsec_ followed by base64');
  return createHmac('sha256', secretBytes).update('sso', 'ascii').digest();
}

/** Signs claims into a token; used by the host simulator and tests. */
export function signSsoToken(key: Buffer, claims: SsoClaims): string {
  const json = JSON.stringify({ sub: claims.sub, exp: claims.exp, jti: claims.jti });
  const payload = encodeBase64Url(Buffer.from(json, 'utf8'), 'forbidden');
  return `${payload}.${encodeBase64Url(sign(key, payload), 'forbidden')}`;
}

/**
 * Verifies a token at `nowSec` and returns its claims. Throws AuthError (401, `sso_invalid`) on a
 * malformed token, a bad signature (compared in constant time), expiry, or an `exp` more than 60 s
 * ahead.
 */
export function verifySsoToken(key: Buffer, token: string, nowSec: number): SsoClaims {
  const parts = typeof token === 'string' ? token.split('.') : [];
  const payload = parts.length === 2 ? parts[0] : undefined;
  const signature = parts.length === 2 ? decodeBase64Url(parts[1] ?? '', 'forbidden') : null;
  if (payload === undefined || signature?.length !== 32)
    throw ssoError('Sign-in link is malformed');
  if (!timingSafeEqual(sign(key, payload), signature)) {
    throw ssoError('Sign-in link signature is invalid');
  }
  const claims = parseClaims(payload);
  if (claims.exp <= nowSec) throw ssoError('Sign-in link has expired');
  if (claims.exp > nowSec + SSO_MAX_LIFETIME_SECONDS) {
    throw ssoError('Sign-in link expiry is too far in the future');
  }
  return claims;
}

function sign(key: Buffer, payload: string): Buffer {
  // UTF-8, not 'ascii': the same bytes for a real (base64url) payload, but lossless for any other
  // text, so no two different payload strings can share a signature.
  return createHmac('sha256', key).update(payload, 'utf8').digest();
}

/** Decodes and type-checks the signed payload; the signature already proved who wrote it. */
function parseClaims(payload: string): SsoClaims {
  const bytes = decodeBase64Url(payload, 'forbidden');
  let value: unknown;
  try {
    value = bytes === null ? null : JSON.parse(bytes.toString('utf8'));
  } catch {
    value = null;
  }
  const { sub, exp, jti } = (value ?? {}) as Record<string, unknown>;
  if (!isShortText(sub) || !isShortText(jti) || !Number.isSafeInteger(exp)) {
    throw ssoError('Sign-in link is malformed');
  }
  return { sub, exp: exp as number, jti };
}

function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD_CHARS;
}

function ssoError(message: string): AuthError {
  return new AuthError(message, { code: 'sso_invalid' });
}
