import { ValidationError } from '../errors.ts';
import type { PairingEvent, PairingRequest } from './transport.ts';

/** The first QR is shown for 60 s, each later one for 20 s (Baileys' defaults). */
const FIRST_QR_MS = 60_000;
const LATER_QR_MS = 20_000;

/** Where a pairing stands; null in the link when none is running. */
export interface PairingSession {
  request: PairingRequest;
  qrCount: number;
  codeRequested: boolean;
}

/** Digits of a phone number for pairing by code (7–15 digits), or a ValidationError in words. */
export function pairingPhoneDigits(phoneNumber: string): string {
  const digits = phoneNumber.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) {
    throw new ValidationError(
      'Enter the phone number with its country code, 7 to 15 digits (e.g. 919876543210)',
    );
  }
  return digits;
}

/** Starts a pairing session record. */
export function newPairingSession(request: PairingRequest): PairingSession {
  if (request.method === 'code') pairingPhoneDigits(request.phoneNumber);
  return { request, qrCount: 0, codeRequested: false };
}

/** The event for one QR rotation, with its expiry. */
export function qrEvent(session: PairingSession, qr: string, now = Date.now()): PairingEvent {
  session.qrCount += 1;
  const lifetime = session.qrCount === 1 ? FIRST_QR_MS : LATER_QR_MS;
  return { kind: 'qr', qr, expiresAt: new Date(now + lifetime) };
}

/** Words for a pairing that ended without linking, from the close status code. */
export function pairingFailureText(statusCode: number | undefined): string {
  if (statusCode === 408) return 'Pairing timed out — please try again';
  if (statusCode === 401) return 'The phone refused the link — please try again';
  if (statusCode === 428)
    return 'The connection to WhatsApp closed during pairing — please try again';
  return `Pairing failed (${statusCode ?? 'no status'}) — please try again`;
}
