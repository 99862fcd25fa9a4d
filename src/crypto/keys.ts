/**
 * Encryption-at-rest keys (SPEC §9), derived exactly as OpenAlgo derives its Fernet keys so that a
 * key made here equals OpenAlgo's for the same inputs:
 *
 *     key = PBKDF2-HMAC-SHA256(password = UTF-8(API_KEY_PEPPER),
 *                              salt = bytes.fromhex(FERNET_SALT) ‖ ASCII(":" + domain),
 *                              iterations = 100000, length = 32)
 *
 * OpenAlgo's Fernet key is urlsafe-base64 of these 32 bytes, so `createFernet(key)` matches it.
 * Each domain gets its own key, so a leak or misuse of one never exposes data of another.
 */
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** PBKDF2 work factor; fixed by OpenAlgo compatibility. */
export const PBKDF2_ITERATIONS = 100_000;
/** Derived key length in bytes (one Fernet key). */
export const DERIVED_KEY_BYTES = 32;
/** Shortest accepted `API_KEY_PEPPER`, as OpenAlgo enforces (SPEC §2). */
export const MIN_PEPPER_CHARS = 32;
/** Shortest accepted `FERNET_SALT` in hex characters (SPEC §2). */
export const MIN_SALT_HEX_CHARS = 32;

/**
 * Every purpose a key is derived for. Add a name here to get a new, independent key.
 * - `whatsapp-session`: Baileys creds and signal keys (same domain as OpenAlgo's session blob).
 * - `owner-api-key`: the owner's host API key.
 * - `api-key-hash`: HMAC key for hashing recipients' notify API keys (see compare.ts).
 * - `message-content`: stored message bodies (outbox, sent messages).
 *
 * SSO is deliberately absent: its key must be computable by the host, which does not know our
 * pepper, so it is derived from `WEBHOOK_SECRET` instead (sso-token.ts).
 */
export const KEY_DOMAINS = [
  'whatsapp-session',
  'owner-api-key',
  'api-key-hash',
  'message-content',
] as const;

/** One key-derivation domain. */
export type KeyDomain = (typeof KEY_DOMAINS)[number];

/** All domain keys, each 32 bytes. */
export type DomainKeys = Readonly<Record<KeyDomain, Buffer>>;

/** Describes what is wrong with a pepper, in words, or returns null when it is acceptable. */
export function pepperProblem(pepper: string): string | null {
  if (typeof pepper !== 'string' || pepper.length < MIN_PEPPER_CHARS) {
    return `API_KEY_PEPPER must be at least ${MIN_PEPPER_CHARS} characters long`;
  }
  return null;
}

/** Describes what is wrong with a FERNET_SALT, in words, or returns null when it is acceptable. */
export function fernetSaltProblem(saltHex: string): string | null {
  if (typeof saltHex !== 'string' || !/^[0-9a-fA-F]*$/.test(saltHex)) {
    return 'FERNET_SALT must contain only hexadecimal digits (0-9, a-f)';
  }
  if (saltHex.length < MIN_SALT_HEX_CHARS) {
    return `FERNET_SALT must be at least ${MIN_SALT_HEX_CHARS} hexadecimal digits long`;
  }
  if (saltHex.length % 2 !== 0) return 'FERNET_SALT must have an even number of hexadecimal digits';
  return null;
}

/**
 * Derives the 32-byte key for one domain. Asynchronous because 100,000 PBKDF2 rounds take tens of
 * milliseconds; derive once at boot. Throws RangeError for a short pepper or a bad salt.
 */
export async function deriveKey(
  pepper: string,
  fernetSaltHex: string,
  domain: KeyDomain,
): Promise<Buffer> {
  const problem = pepperProblem(pepper) ?? fernetSaltProblem(fernetSaltHex);
  if (problem !== null) throw new RangeError(problem);
  if (!KEY_DOMAINS.includes(domain)) throw new RangeError(`Unknown key domain: ${String(domain)}`);
  const salt = Buffer.concat([
    Buffer.from(fernetSaltHex, 'hex'),
    Buffer.from(`:${domain}`, 'ascii'),
  ]);
  return pbkdf2Async(
    Buffer.from(pepper, 'utf8'),
    salt,
    PBKDF2_ITERATIONS,
    DERIVED_KEY_BYTES,
    'sha256',
  );
}

/** Derives every domain's key (in parallel on the libuv pool) into one frozen object. */
export async function deriveKeys(pepper: string, fernetSaltHex: string): Promise<DomainKeys> {
  const keys = await Promise.all(
    KEY_DOMAINS.map((domain) => deriveKey(pepper, fernetSaltHex, domain)),
  );
  const entries = KEY_DOMAINS.map((domain, index) => [domain, keys[index]] as const);
  return Object.freeze(Object.fromEntries(entries) as Record<KeyDomain, Buffer>);
}
