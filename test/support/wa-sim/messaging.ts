/**
 * Message routing. Companion → server: ack the `<message>` (with an error on demand) and hand each
 * `<enc>` to the device it is addressed to. Phone → companion: deliver now, or queue for the next login.
 */
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { child, children, companionConnection, parseJid, unixTime } from './core.ts';
import type { SimCore } from './core.ts';
import type { AccountRecord } from './store.ts';

/** Handles a `<message>` sent by a companion: ack it, then route every per-device `<enc>`. */
export async function handleCompanionMessage(
  core: SimCore,
  conn: SimConnection,
  message: BinaryNode,
): Promise<void> {
  const { id = '', to = '', type = 'text' } = message.attrs;
  const error = core.settings.ackErrors.shift();
  conn.send({
    tag: 'ack',
    attrs: {
      class: 'message',
      id,
      from: to,
      t: unixTime(),
      ...(error === undefined ? {} : { error: String(error) }),
    },
  });
  if (error !== undefined || !conn.jid) return;
  const targets: Array<{ jid: string; enc: BinaryNode }> = [];
  for (const recipient of children(child(message, 'participants'))) {
    for (const enc of children(recipient).filter((n) => n.tag === 'enc'))
      targets.push({ jid: recipient.attrs.jid ?? '', enc });
  }
  const direct = child(message, 'enc');
  if (direct) targets.push({ jid: to, enc: direct });
  for (const { jid, enc } of targets) {
    const stanza: BinaryNode = {
      tag: 'message',
      attrs: { from: conn.jid, id, t: unixTime(), type },
      content: [enc],
    };
    await routeToDevice(core, jid, stanza);
  }
}

/** Delivers a stanza to the device named by `jid`: the account's phone for device 0, else a companion. */
async function routeToDevice(core: SimCore, jid: string, stanza: BinaryNode): Promise<void> {
  const { user, device } = parseJid(jid);
  const account = core.store.byUser(user);
  if (!account) return;
  if (device === 0) {
    await account.phone.deliver(stanza);
    return;
  }
  deliverToCompanion(core, account, device, stanza, false);
}

/**
 * Sends a stanza to one companion when it is online (and `offline` is false); otherwise queues it for its
 * next login, when it is delivered with the `offline` attribute (Baileys then upserts it as `append`).
 */
export function deliverToCompanion(
  core: SimCore,
  account: AccountRecord,
  deviceId: number,
  stanza: BinaryNode,
  offline: boolean,
): void {
  const companion = account.companions.get(deviceId);
  if (!companion) return;
  const conn = companionConnection(core, account, deviceId);
  if (conn && !offline) {
    conn.send(stanza);
    return;
  }
  companion.offlineQueue.push({ ...stanza, attrs: { ...stanza.attrs, offline: '1' } });
}

/** Flushes a freshly logged-in companion's offline queue, then says how many there were. */
export function flushOfflineQueue(conn: SimConnection): void {
  const queue = conn.companion?.offlineQueue.splice(0) ?? [];
  for (const stanza of queue) conn.send(stanza);
  conn.send({
    tag: 'ib',
    attrs: {},
    content: [{ tag: 'offline', attrs: { count: String(queue.length) } }],
  });
}

/** Acks a `<receipt>` from a companion, as the server does. */
export function handleCompanionReceipt(conn: SimConnection, receipt: BinaryNode): void {
  const { id = '', type, from, to } = receipt.attrs;
  const attrs: Record<string, string> = { class: 'receipt', id };
  if (type) attrs.type = type;
  if (to ?? from) attrs.from = (to ?? from)!;
  conn.send({ tag: 'ack', attrs });
}
