import { jidNormalizedUser, type AuthenticationCreds } from '@whiskeysockets/baileys';
import { WHATSAPP_CONFIG_ID, WhatsappConfig, type Database } from '../db/index.ts';
import type { OwnerIdentity } from './transport.ts';

/** `919876543210:3@s.whatsapp.net` → `919876543210@s.whatsapp.net`; empty input → null. */
export function normalizeJid(jid: string | null | undefined): string | null {
  if (!jid) return null;
  return jidNormalizedUser(jid) || null;
}

/** The digits of a phone-number JID (`919876543210@s.whatsapp.net` → `919876543210`). */
export function phoneOfJid(jid: string | null): string | null {
  if (!jid?.endsWith('@s.whatsapp.net')) return null;
  return jid.split('@')[0]?.split(':')[0] ?? null;
}

/** Builds the owner identity from Baileys creds after login (`me.id` and `me.lid`). */
export function identityFromCreds(
  creds: AuthenticationCreds,
  knownLids: readonly string[] = [],
): OwnerIdentity | null {
  const pnJid = normalizeJid(creds.me?.id);
  if (!pnJid) return null;
  const lidJid = normalizeJid(creds.me?.lid);
  const lids = new Set(knownLids);
  if (lidJid) lids.add(lidJid);
  return { pnJid, lidJid, knownLids: [...lids] };
}

/** True when `jid` (any device form) is one of the owner's own JIDs. */
export function isOwnerJid(
  identity: OwnerIdentity | null,
  jid: string | null | undefined,
): boolean {
  const normalized = normalizeJid(jid);
  if (!identity || !normalized) return false;
  return (
    normalized === identity.pnJid ||
    normalized === identity.lidJid ||
    identity.knownLids.includes(normalized)
  );
}

/** Reads the stored identity (null before the first pairing). */
export async function loadIdentity(db: Database): Promise<OwnerIdentity | null> {
  const row = await db.em().findOne(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  if (!row?.ownJid) return null;
  return { pnJid: row.ownJid, lidJid: row.ownLid ?? null, knownLids: row.knownLids };
}

/**
 * Persists the identity captured at login (SPEC §5.1: PN, current LID and every earlier LID), and
 * marks the device paired. Earlier LIDs are kept so replayed messages addressed to them still count.
 */
export async function saveIdentity(
  db: Database,
  identity: OwnerIdentity,
  pairedNow: boolean,
): Promise<void> {
  const em = db.em();
  const row = await em.findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  const lids = new Set([...row.knownLids, ...identity.knownLids]);
  row.ownJid = identity.pnJid;
  row.ownPhone = phoneOfJid(identity.pnJid);
  row.ownLid = identity.lidJid;
  row.knownLids = [...lids];
  row.isPaired = true;
  if (pairedNow || !row.pairedAt) row.pairedAt = new Date();
  await em.flush();
}

/** Forgets the owner's WhatsApp identity (unlink, logged out). The host username stays. */
export async function clearIdentity(db: Database): Promise<void> {
  const em = db.em();
  const row = await em.findOneOrFail(WhatsappConfig, { id: WHATSAPP_CONFIG_ID });
  row.ownJid = null;
  row.ownPhone = null;
  row.ownLid = null;
  row.knownLids = [];
  row.isPaired = false;
  row.isActive = false;
  row.pairedAt = null;
  row.sessionSchemaVersion = 0;
  await em.flush();
}
