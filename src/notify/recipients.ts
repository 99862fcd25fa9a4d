/**
 * Recipient rules of the notify API (SPEC §6): exactly one of `self`, `username`, `phone`,
 * `phones`; phone normalisation; the 5-recipient cap. Pure except for the username lookup, which
 * the caller passes in.
 */
import { NotFoundError, ValidationError } from '../errors.ts';
import type { NotifyRequestBody } from '../http/schemas/notify-request.ts';
import type { Recipient } from '../whatsapp/transport.ts';

/** Only the first this-many entries of `phones` are considered (OpenAlgo's cap). */
export const MAX_PHONES = 5;

/** Error texts, exact (SPEC §6 and research/openalgo-notify.md §4.2). */
export const RECIPIENT_MESSAGES = {
  exactlyOne: "Specify exactly one of: 'self', 'username', 'phone', or 'phones'",
  invalidPhone: 'Invalid phone number',
  noValidPhones: 'No valid phones in list',
  usernameNotFound: 'Username not found or not linked to WhatsApp',
} as const;

/** Where a notify goes, and how many `phones` entries the cap cut. */
export interface ResolvedRecipients {
  recipients: Recipient[];
  skipped: number;
}

/** Finds the JID of an active linked recipient by host username; null when there is none. */
export type UsernameLookup = (username: string) => Promise<string | null>;

/**
 * Normalises one phone: strings and integers only (a float or boolean is refused, as OpenAlgo
 * does), non-digits stripped, 7–15 digits left. Returns the JID, or null when invalid.
 */
export function phoneToJid(value: unknown): string | null {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
  else return null;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? `${digits}@s.whatsapp.net` : null;
}

type Form = 'self' | 'username' | 'phone' | 'phones';

/**
 * Which recipient forms the body uses. Empty strings, empty lists and `self: false` count as
 * absent, as they are falsy in OpenAlgo; `0` is a (bad) phone, not an absent one.
 */
export function recipientForms(body: NotifyRequestBody): Form[] {
  const forms: Form[] = [];
  if (body.self === true) forms.push('self');
  if (body.username !== undefined && body.username !== '') forms.push('username');
  if (body.phone !== undefined && body.phone !== '') forms.push('phone');
  if (body.phones !== undefined && body.phones.length > 0) forms.push('phones');
  return forms;
}

/** The first 5 entries, valid ones only, each JID once (a list naming one number twice sends once). */
function resolvePhones(phones: readonly unknown[]): ResolvedRecipients {
  const jids = phones.slice(0, MAX_PHONES).map(phoneToJid);
  const unique = [...new Set(jids.filter((jid): jid is string => jid !== null))];
  if (unique.length === 0) throw new ValidationError(RECIPIENT_MESSAGES.noValidPhones);
  return {
    recipients: unique.map((jid) => ({ kind: 'jid', jid })),
    skipped: Math.max(0, phones.length - MAX_PHONES),
  };
}

/** Returns the body's one recipient form; 400 when it names none or several. */
export function checkRecipientForm(body: NotifyRequestBody): Form {
  const forms = recipientForms(body);
  if (forms.length !== 1 || !forms[0]) {
    throw new ValidationError(RECIPIENT_MESSAGES.exactlyOne, { code: 'recipient_required' });
  }
  return forms[0];
}

/**
 * Resolves the body's single recipient form (see {@link checkRecipientForm}): phones to JIDs (400
 * when invalid), a username to its linked JID (404 when not linked).
 */
export async function resolveRecipients(
  body: NotifyRequestBody,
  lookupUsername: UsernameLookup,
): Promise<ResolvedRecipients> {
  const form = checkRecipientForm(body);
  if (form === 'self') return { recipients: [{ kind: 'self' }], skipped: 0 };
  if (form === 'phones') return resolvePhones(body.phones ?? []);
  if (form === 'phone') {
    const jid = phoneToJid(body.phone);
    if (!jid) throw new ValidationError(RECIPIENT_MESSAGES.invalidPhone, { code: 'invalid_phone' });
    return { recipients: [{ kind: 'jid', jid }], skipped: 0 };
  }
  const jid = await lookupUsername(body.username ?? '');
  if (!jid) throw new NotFoundError(RECIPIENT_MESSAGES.usernameNotFound);
  return { recipients: [{ kind: 'jid', jid }], skipped: 0 };
}
