/**
 * What happens after the handshake: registration (QR refs) or login (`<success>` and the offline queue),
 * and the dispatch of every later stanza to its handler.
 */
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { ConnectionHandlers, SimConnection } from './connection.ts';
import { unixTime } from './core.ts';
import type { SimCore } from './core.ts';
import { handleIq } from './iq-handlers.ts';
import { flushOfflineQueue, handleCompanionMessage, handleCompanionReceipt } from './messaging.ts';
import type { HandshakeResult } from './noise.ts';
import { dropRefs, sendPairDevice } from './pairing.ts';

/** Stanzas Baileys sends that need no answer. */
const FIRE_AND_FORGET = new Set(['ack', 'presence', 'ib', 'chatstate']);

/** Builds the connection callbacks for a simulator. */
export function sessionHandlers(core: SimCore): ConnectionHandlers {
  return {
    onHandshake: (conn, result) => onHandshake(core, conn, result),
    onNode: (conn, node) => onNode(core, conn, node),
    onClose: (conn) => {
      core.connections.delete(conn);
      dropRefs(core, conn);
      core.linkCodes.forEach(
        (session, user) => session.conn === conn && core.linkCodes.delete(user),
      );
    },
  };
}

function onHandshake(core: SimCore, conn: SimConnection, result: HandshakeResult): Promise<void> {
  if (result.payload.devicePairingData) {
    conn.registration = result;
    sendPairDevice(core, conn);
  } else {
    login(core, conn, result);
  }
  return Promise.resolve();
}

/** Checks a login payload against the store; on success sends `<success>`, queued stanzas, `<offline>`. */
function login(
  core: SimCore,
  conn: SimConnection,
  { payload, clientStaticKey }: HandshakeResult,
): void {
  const account = core.store.byUser(String(payload.username ?? ''));
  const companion = account?.companions.get(payload.device ?? -1);
  if (!account || !companion || !companion.noiseKey.equals(clientStaticKey)) {
    // Unknown or removed device, or a noise key that is not the registered one: logged out.
    conn.send({ tag: 'failure', attrs: { reason: '401', location: 'wa-sim' } });
    conn.closeSoon();
    return;
  }
  for (const other of core.connections) {
    if (other !== conn && other.account === account && other.companion === companion)
      replaceConnection(other);
  }
  conn.account = account;
  conn.companion = companion;
  const lid = `${account.lidUser}:${companion.deviceId}@lid`;
  conn.send({
    tag: 'success',
    attrs: {
      t: unixTime(),
      props: '1',
      abprops: '1',
      location: 'wa-sim',
      creation: unixTime(),
      lid,
    },
  });
  flushOfflineQueue(conn);
}

/** A second login of the same device replaces the first, as on the real service (440 for the old one). */
function replaceConnection(old: SimConnection): void {
  old.send({
    tag: 'stream:error',
    attrs: {},
    content: [{ tag: 'conflict', attrs: { type: 'replaced' } }],
  });
  old.closeSoon();
}

async function onNode(core: SimCore, conn: SimConnection, node: BinaryNode): Promise<void> {
  switch (node.tag) {
    case 'iq':
      return handleIq(core, conn, node);
    case 'message':
      return handleCompanionMessage(core, conn, node);
    case 'receipt':
      return handleCompanionReceipt(conn, node);
    case 'notification':
      // Clients only send notifications in protocols the simulator does not model; ack them anyway.
      conn.send({ tag: 'ack', attrs: { class: 'notification', id: node.attrs.id ?? '' } });
      core.log.markUnknown(node);
      return;
    default:
      if (!FIRE_AND_FORGET.has(node.tag)) core.log.markUnknown(node);
  }
}
