import { EventEmitter } from 'node:events';
import { ValidationError } from '../errors.ts';
import type { OwnerIdentity, PairingEvent, PairingRequest } from './transport.ts';

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

/** The socket capability pairing by code needs. */
export interface PairingCodeSource {
  requestPairingCode(phoneNumber: string): Promise<string>;
}

/**
 * Tracks the one pairing that may run at a time and emits its progress (QR rotations with expiry,
 * the pairing code, paired, failed) to the admin layer.
 */
export class PairingTracker {
  readonly #events = new EventEmitter();
  #session: PairingSession | null = null;

  active(): boolean {
    return this.#session !== null;
  }

  on(listener: (event: PairingEvent) => void): () => void {
    this.#events.on('event', listener);
    return () => this.#events.off('event', listener);
  }

  /** Starts tracking; throws in words when one is running or the phone number is unusable. */
  begin(request: PairingRequest): void {
    if (this.#session) throw new ValidationError('Pairing already in progress');
    this.#session = newPairingSession(request);
  }

  /** Forgets the pairing silently (stop, unlink). */
  clear(): void {
    this.#session = null;
  }

  /**
   * Handles a QR from Baileys: emits it (QR method), or asks for the pairing code once the socket
   * is up (code method; Baileys needs the connection before it can request one).
   */
  async handleQr(socket: PairingCodeSource, qr: string): Promise<void> {
    const session = this.#session;
    if (!session) return;
    if (session.request.method === 'qr') {
      this.#emit(qrEvent(session, qr));
      return;
    }
    if (session.codeRequested) return;
    session.codeRequested = true;
    try {
      const code = await socket.requestPairingCode(pairingPhoneDigits(session.request.phoneNumber));
      this.#emit({ kind: 'code', code });
    } catch {
      this.fail('WhatsApp did not issue a pairing code — please try again');
    }
  }

  /** The link opened: the pairing (if any) succeeded. Returns whether one was running. */
  complete(identity: OwnerIdentity | null): boolean {
    const wasPairing = this.#session !== null;
    this.#session = null;
    if (wasPairing && identity) this.#emit({ kind: 'paired', identity });
    return wasPairing;
  }

  fail(error: string): void {
    this.#session = null;
    this.#emit({ kind: 'failed', error });
  }

  #emit(event: PairingEvent): void {
    this.#events.emit('event', event);
  }
}
