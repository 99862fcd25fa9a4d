/**
 * Answers every IQ Baileys sends at and after login. Anything unknown is logged and gets an empty result,
 * because an unanswered IQ silently costs Baileys a 60 s timeout.
 */
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { child, children, iqResult, parseJid } from './core.ts';
import type { SimCore } from './core.ts';
import { handleEncryptIq, handleUsyncIq } from './iq-keys.ts';
import { handleLinkCodeIq } from './link-code.ts';

type IqHandler = (core: SimCore, conn: SimConnection, iq: BinaryNode) => void | Promise<void>;

const result: IqHandler = (_core, conn, iq) => conn.send(iqResult(iq));

/** Handlers keyed by `xmlns` then by the first child's tag (`*` for any). */
const HANDLERS: Record<string, Record<string, IqHandler>> = {
  encrypt: { '*': handleEncryptIq },
  usync: { usync: handleUsyncIq },
  passive: { '*': result },
  'w:p': { ping: result },
  'w:stats': { '*': result },
  abt: {
    props: (_c, conn, iq) =>
      conn.send(iqResult(iq, [{ tag: 'props', attrs: { protocol: '1', hash: 'wa-sim' } }])),
  },
  blocklist: { '*': (_c, conn, iq) => conn.send(iqResult(iq, [{ tag: 'list', attrs: {} }])) },
  privacy: {
    privacy: (_c, conn, iq) => conn.send(iqResult(iq, [privacySettings()])),
    tokens: result,
  },
  'w:m': { media_conn: mediaConn },
  md: { 'remove-companion-device': removeCompanion, link_code_companion_reg: handleLinkCodeIq },
};

/** Routes one IQ from a client; unknown ones are flagged in the stanza log and answered empty. */
export async function handleIq(core: SimCore, conn: SimConnection, iq: BinaryNode): Promise<void> {
  if (iq.attrs.type === 'result' || iq.attrs.type === 'error') return;
  const byChild = HANDLERS[iq.attrs.xmlns ?? ''];
  const handler = byChild?.[children(iq)[0]?.tag ?? ''] ?? byChild?.['*'];
  if (handler) {
    await handler(core, conn, iq);
    return;
  }
  core.log.markUnknown(iq);
  conn.send(iqResult(iq));
}

function privacySettings(): BinaryNode {
  const categories = ['last', 'online', 'profile', 'status', 'groupadd', 'readreceipts', 'calladd'];
  return {
    tag: 'privacy',
    attrs: {},
    content: categories.map((name) => ({
      tag: 'category',
      attrs: { name, value: name === 'online' ? 'all' : 'contacts' },
    })),
  };
}

/** Upload hosts and auth for media: points Baileys at the simulator's HTTPS endpoint. */
function mediaConn(core: SimCore, conn: SimConnection, iq: BinaryNode): void {
  const host = {
    tag: 'host',
    attrs: { hostname: core.media.host, maxContentLengthBytes: String(100 * 1024 * 1024) },
  };
  conn.send(
    iqResult(iq, [
      {
        tag: 'media_conn',
        attrs: { auth: core.media.auth, ttl: '3600', auth_ttl: '3600', max_buckets: '1' },
        content: [host],
      },
    ]),
  );
}

/** `logout()`: unlinks the device named in the request (normally the caller itself). */
function removeCompanion(core: SimCore, conn: SimConnection, iq: BinaryNode): void {
  const jid = child(iq, 'remove-companion-device')?.attrs.jid;
  const account = conn.account;
  if (jid && account) core.store.unlinkCompanion(account, parseJid(jid).device);
  conn.send(iqResult(iq));
}
