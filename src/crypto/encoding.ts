/**
 * Strict base64 decoders. Node's `Buffer.from(s, 'base64')` silently skips characters it does not
 * know and ignores trailing garbage, so a tampered or truncated token could still "decode". These
 * helpers accept only the canonical encoding: the right alphabet, the right padding, and text that
 * re-encodes to exactly itself.
 */

const BASE64URL_BODY = /^[A-Za-z0-9_-]*$/;
const BASE64_PADDED = /^[A-Za-z0-9+/]*={0,2}$/;

/** How `=` padding must appear in base64url text. */
export type PaddingRule = 'required' | 'forbidden';

/**
 * Decodes canonical base64url (RFC 4648 §5). With `'required'` the text must carry exactly the `=`
 * padding that Python's `urlsafe_b64encode` writes (as in Fernet tokens and keys); with
 * `'forbidden'` it must carry none (as in JWT-style tokens). Returns null when the text is not
 * canonical.
 */
export function decodeBase64Url(text: string, padding: PaddingRule): Buffer | null {
  const body = padding === 'required' ? stripRequiredPadding(text) : text;
  if (body === null || !BASE64URL_BODY.test(body) || body.length % 4 === 1) return null;
  const bytes = Buffer.from(body, 'base64url');
  // Re-encoding rejects non-zero trailing bits, which would let two texts decode to one value.
  return bytes.toString('base64url') === body ? bytes : null;
}

/** Encodes bytes as base64url, with or without `=` padding. */
export function encodeBase64Url(bytes: Buffer, padding: PaddingRule): string {
  const body = bytes.toString('base64url');
  return padding === 'required' ? body + '='.repeat((4 - (body.length % 4)) % 4) : body;
}

/** Decodes canonical, padded, standard-alphabet base64 (RFC 4648 §4). Returns null otherwise. */
export function decodeBase64(text: string): Buffer | null {
  if (!BASE64_PADDED.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Removes padding after checking it is exactly what the body length calls for. */
function stripRequiredPadding(text: string): string | null {
  if (text.length % 4 !== 0) return null;
  const body = text.replace(/=+$/, '');
  const expectedPadding = (4 - (body.length % 4)) % 4;
  return text.length - body.length === expectedPadding ? body : null;
}
