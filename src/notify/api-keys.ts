/**
 * Notify API authentication (SPEC §6): the key comes from the body's `apikey`, else the
 * `X-API-KEY` header, else `?apikey=` (OpenAlgo's precedence, where an empty value falls through).
 * Valid keys are the owner's stored key and linked recipients' keys, both compared as keyed hashes
 * in constant time. A key grants sending only: no other route accepts it (SPEC §10).
 */
import { WhatsappUser, type Database } from '../db/index.ts';
import { safeEqual } from '../crypto/index.ts';
import { AuthError } from '../errors.ts';
import type { OwnerSettings } from '../settings/owner-settings.ts';

/** The one 401 text of the notify API. */
export const INVALID_API_KEY = 'Invalid or missing API key';

/** Longer candidates are refused without hashing (real host keys are 64 hex characters). */
const MAX_KEY_LENGTH = 512;

/** Who called: the owner's key or a linked recipient's, and the key's hash (rate limit, scope). */
export interface NotifyPrincipal {
  kind: 'owner' | 'recipient';
  keyHash: string;
}

/** Where a candidate key may come from. */
export interface ApiKeySources {
  /** The parsed JSON body, when it was one (any JSON value). */
  body: unknown;
  header: string | undefined;
  /** `ctx.query.apikey`: a string, a repeated parameter (first wins), or absent. */
  query: string | string[] | undefined;
}

/** True for the values OpenAlgo's `or` skips: absent, null, false, 0 and empty strings. */
function isFalsy(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 0 || value === '';
}

/**
 * Picks the candidate key by precedence. Returns `unknown` on purpose: a non-string body value
 * (e.g. a number) is a candidate too, and is refused by {@link authenticateNotifyKey}.
 */
export function pickApiKey(sources: ApiKeySources): unknown {
  const { body } = sources;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const fromBody = (body as Record<string, unknown>).apikey;
    if (!isFalsy(fromBody)) return fromBody;
  }
  if (sources.header) return sources.header;
  const query = Array.isArray(sources.query) ? sources.query[0] : sources.query;
  return query || undefined;
}

/** What authentication reads. */
export interface NotifyAuthDeps {
  db: Database;
  settings: Pick<OwnerSettings, 'matchesOwnerApiKey' | 'hashRecipientApiKey'>;
}

/** True when `keyHash` belongs to an active linked recipient (hash lookup, then constant-time check). */
async function isRecipientKey(db: Database, keyHash: string): Promise<boolean> {
  const row = await db.em().findOne(WhatsappUser, { apiKeyHash: keyHash, isActive: true });
  return row?.apiKeyHash != null && safeEqual(row.apiKeyHash, keyHash);
}

/** Checks a candidate key; throws the 401 unless it is the owner's or an active recipient's key. */
export async function authenticateNotifyKey(
  candidate: unknown,
  deps: NotifyAuthDeps,
): Promise<NotifyPrincipal> {
  if (typeof candidate !== 'string' || candidate === '' || candidate.length > MAX_KEY_LENGTH) {
    throw new AuthError(INVALID_API_KEY, { code: 'invalid_api_key' });
  }
  const keyHash = deps.settings.hashRecipientApiKey(candidate);
  if (await deps.settings.matchesOwnerApiKey(candidate)) return { kind: 'owner', keyHash };
  if (await isRecipientKey(deps.db, keyHash)) return { kind: 'recipient', keyHash };
  throw new AuthError(INVALID_API_KEY, { code: 'invalid_api_key' });
}
