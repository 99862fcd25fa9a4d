/**
 * Strict XEdDSA verification. libsignal's `verifySignature` returns the curve25519 verdict and throws only
 * on malformed input; Baileys rc14 ignores the returned boolean, so the simulator checks it itself.
 */
import { generateSignalPubKey } from '@whiskeysockets/baileys';
import * as curve from 'libsignal/src/curve.js';

/** True only when `signature` is a valid XEdDSA signature of `message` by `publicKey` (32 or 33 bytes). */
export function verifyXEdDSA(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    const key = Buffer.from(generateSignalPubKey(publicKey));
    return curve.verifySignature(key, Buffer.from(message), Buffer.from(signature)) === true;
  } catch {
    return false;
  }
}
