/**
 * Companion registration: the pair-device refs behind the QR code, the phone's "scan", and pair-success
 * with a correctly signed ADV identity, followed by the 515 restart. The pairing-code flow ends here too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  Curve,
  WA_ADV_ACCOUNT_SIG_PREFIX,
  WA_ADV_DEVICE_SIG_PREFIX,
  proto,
} from '@whiskeysockets/baileys';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { SERVER_JID, child, unixTime } from './core.ts';
import type { SimCore } from './core.ts';
import type { AccountRecord, CompanionKeys, CompanionRecord } from './store.ts';
import { verifyXEdDSA } from './xeddsa.ts';

/** How many refs (QR codes) a registering connection gets, like the real server. */
const REF_COUNT = 6;

/** Sends `<pair-device>` with fresh refs to a registering connection and remembers them. */
export function sendPairDevice(core: SimCore, conn: SimConnection): void {
  const refs = Array.from({ length: REF_COUNT }, () => `2@${randomBytes(24).toString('base64')}`);
  for (const ref of refs) core.pendingRefs.set(ref, conn);
  conn.send({
    tag: 'iq',
    attrs: { from: SERVER_JID, type: 'set', xmlns: 'md', id: randomBytes(6).toString('hex') },
    content: [
      {
        tag: 'pair-device',
        attrs: {},
        content: refs.map((ref) => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) })),
      },
    ],
  });
}

/** Forgets a connection's refs (it closed or paired). */
export function dropRefs(core: SimCore, conn: SimConnection): void {
  for (const [ref, owner] of core.pendingRefs) if (owner === conn) core.pendingRefs.delete(ref);
}

/** The phone scans a QR string: checks it against the registering connection, then pairs. */
export async function scanQr(
  core: SimCore,
  account: AccountRecord,
  qr: string,
): Promise<CompanionRecord> {
  const [ref = '', noiseB64, identityB64, advB64] = (qr.split('#')[1] ?? '').split(',');
  const conn = core.pendingRefs.get(ref);
  if (!conn?.registration || !advB64) throw new Error('QR code is unknown or expired');
  const keys = registrationKeys(conn);
  if (
    keys.noiseKey.toString('base64') !== noiseB64 ||
    keys.identityKey.toString('base64') !== identityB64
  ) {
    throw new Error('QR code keys do not match the registering connection');
  }
  return completePairing(core, account, conn, Buffer.from(advB64, 'base64'));
}

/** The companion keys carried by a registering connection's ClientPayload. */
export function registrationKeys(conn: SimConnection): CompanionKeys {
  const pairing = conn.registration?.payload.devicePairingData;
  if (
    !conn.registration ||
    !pairing?.eIdent ||
    !pairing.eRegid ||
    !pairing.eSkeyId ||
    !pairing.eSkeyVal ||
    !pairing.eSkeySig
  ) {
    throw new Error('connection is not registering');
  }
  return {
    noiseKey: conn.registration.clientStaticKey,
    identityKey: Buffer.from(pairing.eIdent),
    registrationId: Buffer.from(pairing.eRegid).readUIntBE(0, pairing.eRegid.length),
    signedPreKey: {
      keyId: Buffer.from(pairing.eSkeyId).readUIntBE(0, pairing.eSkeyId.length),
      publicKey: Buffer.from(pairing.eSkeyVal),
      signature: Buffer.from(pairing.eSkeySig),
    },
  };
}

/**
 * Links the registering companion to `account`: sends pair-success, strictly verifies the device signature
 * in Baileys' reply, then forces the 515 restart. Resolves with the new companion.
 */
export async function completePairing(
  core: SimCore,
  account: AccountRecord,
  conn: SimConnection,
  advSecret: Buffer,
): Promise<CompanionRecord> {
  const keys = registrationKeys(conn);
  dropRefs(core, conn);
  const companion = core.store.linkCompanion(account, keys);
  const { details, signedIdentity } = signDeviceIdentity(account, companion);
  const hmac = createHmac('sha256', advSecret).update(signedIdentity).digest();
  const container = proto.ADVSignedDeviceIdentityHMAC.encode({
    details: signedIdentity,
    hmac,
    accountType: proto.ADVEncryptionType.E2EE,
  }).finish();
  const dev = companion.deviceId;
  const reply = await conn.query({
    tag: 'iq',
    attrs: { from: SERVER_JID, type: 'set', xmlns: 'md', t: unixTime() },
    content: [
      {
        tag: 'pair-success',
        attrs: {},
        content: [
          {
            tag: 'device-identity',
            attrs: { 'key-index': String(companion.keyIndex) },
            content: container,
          },
          { tag: 'platform', attrs: { name: 'android' } },
          {
            tag: 'device',
            attrs: {
              jid: `${account.phoneNumber}:${dev}@s.whatsapp.net`,
              lid: `${account.lidUser}:${dev}@lid`,
            },
          },
        ],
      },
    ],
  });
  if (!deviceSignatureValid(reply, details, companion, account)) {
    core.store.unlinkCompanion(account, dev);
    throw new Error('companion device signature is invalid');
  }
  conn.registration = undefined;
  conn.send({ tag: 'stream:error', attrs: { code: '515' } });
  conn.closeSoon();
  return companion;
}

/** Builds the phone-signed ADV identity for a new companion (the phone's account signature). */
function signDeviceIdentity(account: AccountRecord, companion: CompanionRecord) {
  const details = proto.ADVDeviceIdentity.encode({
    rawId: randomBytes(4).readUInt32BE(0),
    timestamp: Math.floor(Date.now() / 1000),
    keyIndex: companion.keyIndex,
    accountType: proto.ADVEncryptionType.E2EE,
    deviceType: proto.ADVEncryptionType.E2EE,
  }).finish();
  const { identity } = account.phone;
  const message = Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, details, companion.identityKey]);
  const accountSignature = Curve.sign(identity.private, message);
  const signedIdentity = proto.ADVSignedDeviceIdentity.encode({
    details,
    accountSignatureKey: identity.public,
    accountSignature,
  }).finish();
  return { details, signedIdentity };
}

/** Checks `deviceSignature = XEdDSA(companionIdentity, [6,1] ‖ details ‖ companionIdentity ‖ phoneIdentity)`. */
function deviceSignatureValid(
  reply: BinaryNode,
  details: Uint8Array,
  companion: CompanionRecord,
  account: AccountRecord,
): boolean {
  const content = child(child(reply, 'pair-device-sign'), 'device-identity')?.content;
  if (!(content instanceof Uint8Array)) return false;
  const signed = proto.ADVSignedDeviceIdentity.decode(content);
  if (!signed.deviceSignature || !signed.details || !Buffer.from(signed.details).equals(details))
    return false;
  const message = Buffer.concat([
    WA_ADV_DEVICE_SIG_PREFIX,
    details,
    companion.identityKey,
    account.phone.identity.public,
  ]);
  return verifyXEdDSA(companion.identityKey, message, signed.deviceSignature);
}
