/**
 * Fernet tokens (https://github.com/fernet/spec, version 0x80), byte-compatible with Python's
 * `cryptography.fernet` and therefore with OpenAlgo's encrypted columns:
 *
 *     base64url( 0x80 ‖ timestamp (u64 BE seconds) ‖ IV (16) ‖ AES-128-CBC(PKCS#7) ‖ HMAC-SHA256 )
 *
 * The 32-byte key is signing key (first 16 bytes) ‖ encryption key (last 16 bytes).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { decodeBase64Url, encodeBase64Url } from './encoding.ts';

const VERSION = 0x80;
const KEY_BYTES = 32;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const HMAC_BYTES = 32;
const HEADER_BYTES = 1 + 8 + IV_BYTES;
const MIN_TOKEN_BYTES = HEADER_BYTES + BLOCK_BYTES + HMAC_BYTES;

/** How far in the future a token's timestamp may lie when a TTL is checked (as in the reference). */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/**
 * The only error `decrypt` throws for a bad token, whatever the defect. Internal (not an AppError): callers decide whether a bad token
 * means corrupt storage, a wrong key or an attack. `reason` is for logs and never holds secrets.
 */
export class InvalidTokenError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(`Invalid Fernet token: ${reason}`);
    this.name = 'InvalidTokenError';
    this.reason = reason;
  }
}

/** Options for `encrypt`; both exist for deterministic tests (the spec's generate vectors). */
export interface FernetEncryptOptions {
  /** Token timestamp in Unix seconds; defaults to the current time. */
  now?: number;
  /** 16-byte IV; defaults to fresh random bytes. Never reuse an IV outside tests. */
  iv?: Buffer;
}

/** Options for `decrypt`. */
export interface FernetDecryptOptions {
  /** Maximum token age in seconds. When set, future-dated tokens beyond the skew are refused too. */
  ttlSeconds?: number;
  /** Current time in Unix seconds; defaults to the current time. */
  now?: number;
}

/** A Fernet instance bound to one key. */
export interface Fernet {
  /** Encrypts and signs `plain` (a string is taken as UTF-8) into a padded base64url token. */
  encrypt(plain: Buffer | string, opts?: FernetEncryptOptions): string;
  /**
   * Verifies and decrypts a token; throws InvalidTokenError on any defect in the token (RangeError
   * only for invalid options, a programming error).
   */
  decrypt(token: string, opts?: FernetDecryptOptions): Buffer;
}

/**
 * Binds Fernet to a key given as 32 raw bytes or as its padded base64url text (the form Python's
 * `Fernet.generate_key()` prints). Throws RangeError for a key of any other shape.
 */
export function createFernet(key: Buffer | string): Fernet {
  const raw = parseKey(key);
  const signingKey = raw.subarray(0, 16);
  const encryptionKey = raw.subarray(16, 32);
  return {
    encrypt: (plain, opts = {}) => encryptToken(signingKey, encryptionKey, plain, opts),
    decrypt: (token, opts = {}) => decryptToken(signingKey, encryptionKey, token, opts),
  };
}

/** Copies the key so later changes to the caller's buffer cannot alter this instance. */
function parseKey(key: Buffer | string): Buffer {
  const raw = typeof key === 'string' ? decodeBase64Url(key, 'required') : Buffer.from(key);
  if (raw?.length !== KEY_BYTES) {
    throw new RangeError('A Fernet key must be 32 bytes, or their padded base64url encoding');
  }
  return raw;
}

function encryptToken(
  signingKey: Buffer,
  encryptionKey: Buffer,
  plain: Buffer | string,
  opts: FernetEncryptOptions,
): string {
  const iv = opts.iv ?? randomBytes(IV_BYTES);
  if (iv.length !== IV_BYTES) throw new RangeError('A Fernet IV must be 16 bytes');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(VERSION, 0);
  header.writeBigUInt64BE(BigInt(secondsOrNow(opts.now)), 1);
  iv.copy(header, 9);
  const cipher = createCipheriv('aes-128-cbc', encryptionKey, iv);
  const message = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
  const signed = Buffer.concat([header, cipher.update(message), cipher.final()]);
  const mac = createHmac('sha256', signingKey).update(signed).digest();
  return encodeBase64Url(Buffer.concat([signed, mac]), 'required');
}

function decryptToken(
  signingKey: Buffer,
  encryptionKey: Buffer,
  token: string,
  opts: FernetDecryptOptions,
): Buffer {
  const data = decodeFrame(token);
  const signed = data.subarray(0, data.length - HMAC_BYTES);
  const expectedMac = createHmac('sha256', signingKey).update(signed).digest();
  // Checked before decryption, so a forger never learns anything from padding errors.
  if (!timingSafeEqual(expectedMac, data.subarray(data.length - HMAC_BYTES))) {
    throw new InvalidTokenError('signature mismatch');
  }
  checkTimestamp(Number(data.readBigUInt64BE(1)), opts);
  const decipher = createDecipheriv('aes-128-cbc', encryptionKey, data.subarray(9, HEADER_BYTES));
  try {
    return Buffer.concat([decipher.update(signed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new InvalidTokenError('bad padding');
  }
}

/** Decodes the token text and checks the frame's shape and version. */
function decodeFrame(token: string): Buffer {
  const data = typeof token === 'string' ? decodeBase64Url(token, 'required') : null;
  if (data === null) throw new InvalidTokenError('not canonical base64url');
  const cipherBytes = data.length - HEADER_BYTES - HMAC_BYTES;
  if (data.length < MIN_TOKEN_BYTES || cipherBytes % BLOCK_BYTES !== 0) {
    throw new InvalidTokenError('wrong length');
  }
  if (data[0] !== VERSION) throw new InvalidTokenError('unknown version');
  return data;
}

/**
 * Applies TTL and clock-skew rules only when a TTL is given, as `cryptography.fernet` does: data
 * encrypted at rest must stay readable even if the clock later moves backwards.
 */
function checkTimestamp(timestamp: number, opts: FernetDecryptOptions): void {
  const ttl = opts.ttlSeconds;
  if (ttl === undefined) return;
  if (!Number.isFinite(ttl) || ttl < 0) throw new RangeError('A Fernet TTL must be a number ≥ 0');
  const now = secondsOrNow(opts.now);
  if (timestamp + ttl < now) throw new InvalidTokenError('expired');
  if (now + MAX_CLOCK_SKEW_SECONDS < timestamp)
    throw new InvalidTokenError('timestamp in the future');
}

function secondsOrNow(now: number | undefined): number {
  const seconds = Math.floor(now ?? Date.now() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new RangeError('Invalid Fernet time');
  return seconds;
}
