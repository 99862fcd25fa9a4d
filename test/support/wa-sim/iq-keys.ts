/**
 * IQs about keys and devices: pre-key count, upload, digest and rotation (`xmlns=encrypt`), key bundle
 * fetches, and usync device/LID/contact lookups.
 */
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { bigEndian, child, childBytes, children, iqResult, parseJid } from './core.ts';
import type { SimCore } from './core.ts';
import type { AccountRecord, CompanionRecord, KeyBundle, SignedPreKey } from './store.ts';

/** Answers `iq xmlns=encrypt`: count, upload (registration …), digest, rotate, and key fetch. */
export function handleEncryptIq(core: SimCore, conn: SimConnection, iq: BinaryNode): void {
  const first = children(iq)[0]?.tag;
  const companion = conn.companion;
  if (first === 'count') {
    conn.send(
      iqResult(iq, [{ tag: 'count', attrs: { value: String(companion?.preKeys.length ?? 0) } }]),
    );
  } else if (first === 'registration' && companion) {
    storeUpload(companion, iq);
    conn.send(iqResult(iq));
  } else if (first === 'rotate' && companion) {
    companion.signedPreKey =
      readSignedPreKey(child(child(iq, 'rotate'), 'skey')) ?? companion.signedPreKey;
    conn.send(iqResult(iq));
  } else if (first === 'digest') {
    // Baileys only checks that a <digest> comes back; without one it re-uploads its pre-keys.
    conn.send(iqResult(iq, [{ tag: 'digest', attrs: {} }]));
  } else if (first === 'key') {
    conn.send(
      iqResult(iq, [{ tag: 'list', attrs: {}, content: keyFetch(core, child(iq, 'key')) }]),
    );
  } else {
    conn.send(iqResult(iq));
  }
}

/** Keeps the uploaded identity, signed pre-key and one-time pre-keys: they are the companion's bundle. */
function storeUpload(companion: CompanionRecord, iq: BinaryNode): void {
  const identity = childBytes(iq, 'identity');
  if (identity) companion.identityKey = identity;
  companion.signedPreKey = readSignedPreKey(child(iq, 'skey')) ?? companion.signedPreKey;
  for (const key of children(child(iq, 'list'))) {
    const id = childBytes(key, 'id');
    const value = childBytes(key, 'value');
    if (id && value)
      companion.preKeys.push({ keyId: id.readUIntBE(0, id.length), publicKey: value });
  }
}

function readSignedPreKey(skey: BinaryNode | undefined): SignedPreKey | undefined {
  const id = childBytes(skey, 'id');
  const publicKey = childBytes(skey, 'value');
  const signature = childBytes(skey, 'signature');
  if (!id || !publicKey || !signature) return undefined;
  return { keyId: id.readUIntBE(0, id.length), publicKey, signature };
}

/** One `<user>` per requested device JID, carrying its bundle (or an error when unknown). */
function keyFetch(core: SimCore, keyNode: BinaryNode | undefined): BinaryNode[] {
  return children(keyNode).map((user) => {
    const jid = user.attrs.jid ?? '';
    const { user: name, device } = parseJid(jid);
    const account = core.store.byUser(name);
    const bundle = account && core.store.takeKeyBundle(account, device);
    if (!bundle)
      return {
        tag: 'user',
        attrs: { jid },
        content: [{ tag: 'error', attrs: { code: '404', text: 'item-not-found' } }],
      };
    return { tag: 'user', attrs: { jid }, content: bundleNodes(bundle) };
  });
}

function bundleNodes(bundle: KeyBundle): BinaryNode[] {
  const nodes: BinaryNode[] = [
    { tag: 'registration', attrs: {}, content: bigEndian(bundle.registrationId, 4) },
    { tag: 'type', attrs: {}, content: Buffer.from([5]) },
    { tag: 'identity', attrs: {}, content: bundle.identityKey },
    {
      tag: 'skey',
      attrs: {},
      content: [
        { tag: 'id', attrs: {}, content: bigEndian(bundle.signedPreKey.keyId, 3) },
        { tag: 'value', attrs: {}, content: bundle.signedPreKey.publicKey },
        { tag: 'signature', attrs: {}, content: bundle.signedPreKey.signature },
      ],
    },
  ];
  if (bundle.preKey) {
    const { keyId, publicKey } = bundle.preKey;
    nodes.push({
      tag: 'key',
      attrs: {},
      content: [
        { tag: 'id', attrs: {}, content: bigEndian(keyId, 3) },
        { tag: 'value', attrs: {}, content: publicKey },
      ],
    });
  }
  return nodes;
}

/** Answers a usync query: devices, LID and contact protocols for each (de-duplicated) user. */
export function handleUsyncIq(core: SimCore, conn: SimConnection, iq: BinaryNode): void {
  const usync = child(iq, 'usync');
  const protocols = new Set(children(child(usync, 'query')).map((p) => p.tag));
  const seen = new Set<string>();
  const users: BinaryNode[] = [];
  for (const user of children(child(usync, 'list'))) {
    const phone = childBytes(user, 'contact')?.toString('utf8');
    const jid = user.attrs.jid ?? `${(phone ?? '').replace(/\D/g, '')}@s.whatsapp.net`;
    if (seen.has(jid)) continue;
    seen.add(jid);
    users.push(usyncUser(core.store.byUser(parseJid(jid).user), jid, protocols));
  }
  const attrs = { ...usync?.attrs };
  conn.send(
    iqResult(iq, [
      {
        tag: 'usync',
        attrs,
        content: [
          { tag: 'result', attrs: {} },
          { tag: 'list', attrs: {}, content: users },
        ],
      },
    ]),
  );
}

function usyncUser(
  account: AccountRecord | undefined,
  jid: string,
  protocols: Set<string>,
): BinaryNode {
  const content: BinaryNode[] = [];
  if (protocols.has('devices')) content.push(deviceList(account));
  if (protocols.has('lid') && account)
    content.push({ tag: 'lid', attrs: { val: `${account.lidUser}@lid` } });
  if (protocols.has('contact'))
    content.push({ tag: 'contact', attrs: { type: account ? 'in' : 'out' } });
  return { tag: 'user', attrs: { jid }, content };
}

/** Device 0 (the phone) plus every linked companion, each with its key index (Baileys drops those without). */
function deviceList(account: AccountRecord | undefined): BinaryNode {
  const devices: BinaryNode[] = account ? [{ tag: 'device', attrs: { id: '0' } }] : [];
  for (const companion of account?.companions.values() ?? []) {
    devices.push({
      tag: 'device',
      attrs: { id: String(companion.deviceId), 'key-index': String(companion.keyIndex) },
    });
  }
  return {
    tag: 'devices',
    attrs: {},
    content: [
      { tag: 'device-list', attrs: {}, content: devices },
      { tag: 'key-index-list', attrs: { ts: String(Math.floor(Date.now() / 1000)) } },
    ],
  };
}
