/**
 * The app's one door for encryption at rest (WhatsApp session values, the owner's API key, stored
 * message content): Fernet tokens under a domain key from keys.ts. Stored values are therefore
 * readable by any Fernet implementation holding the same key, and useless without it.
 */
import { createFernet } from './fernet.ts';

/** Seals and opens values with one key. */
export interface SecretBox {
  /** Encrypts a value (a string is taken as UTF-8) into a Fernet token string. */
  seal(plain: string | Buffer): string;
  /** Decrypts a token; throws InvalidTokenError when it was altered or sealed under another key. */
  open(token: string): Buffer;
  /** Like `open`, decoding the result as UTF-8. */
  openText(token: string): string;
}

/** Builds a SecretBox over a 32-byte key (normally `deriveKeys(...)[domain]`). */
export function createSecretBox(key32: Buffer): SecretBox {
  if (!Buffer.isBuffer(key32) || key32.length !== 32) {
    throw new RangeError('A secret box key must be a 32-byte Buffer');
  }
  const fernet = createFernet(key32);
  // No TTL: values at rest must stay readable for as long as they are stored.
  return {
    seal: (plain) => fernet.encrypt(plain),
    open: (token) => fernet.decrypt(token),
    openText: (token) => fernet.decrypt(token).toString('utf8'),
  };
}
