/**
 * Small JID helpers for the guards. `src/whatsapp/identity.ts` has richer ones but imports
 * Baileys, which only `src/whatsapp/` may do, so the few rules needed here are restated.
 */
import type { OwnerIdentity } from '../whatsapp/transport.ts';

const PN_SERVER = 's.whatsapp.net';

/**
 * `user@server` without the device (`:12`) or agent (`_1`) suffix, lower-cased; the legacy
 * `c.us` server is read as `s.whatsapp.net`. Returns null for anything without a user and server.
 */
export function bareJid(jid: string | null | undefined): string | null {
  if (!jid) return null;
  const at = jid.indexOf('@');
  if (at <= 0 || at === jid.length - 1) return null;
  const user = jid.slice(0, at).split(':')[0]?.split('_')[0] ?? '';
  const server = jid.slice(at + 1).toLowerCase();
  if (user === '') return null;
  return `${user.toLowerCase()}@${server === 'c.us' ? PN_SERVER : server}`;
}

/** The owner's own chat ids: the PN JID and every LID ever seen (bare). */
export function ownerChatJids(identity: OwnerIdentity): Set<string> {
  const all = [identity.pnJid, identity.lidJid, ...identity.knownLids];
  return new Set(all.map(bareJid).filter((jid): jid is string => jid !== null));
}

/**
 * An allow-listed owner phone as a bare JID: `+91 98765 43210` → `919876543210@s.whatsapp.net`;
 * a JID (`…@lid`, `…@s.whatsapp.net`) is kept as it is. Null when nothing usable is left.
 */
export function allowListEntryJid(entry: string): string | null {
  if (entry.includes('@')) return bareJid(entry.trim());
  const digits = entry.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits}@${PN_SERVER}` : null;
}

/** True when `jid` or `alt` is one of `allowed` (bare JIDs). */
export function eitherIn(
  allowed: ReadonlySet<string>,
  jid: string | null,
  alt: string | null,
): boolean {
  return [jid, alt].some((candidate) => {
    const bare = bareJid(candidate);
    return bare !== null && allowed.has(bare);
  });
}
