/**
 * Pairing by code (`requestPairingCode`): the companion's hello, the phone typing the code, the
 * companion's key bundle, and the ADV secret both sides derive before the usual pair-success.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  Curve,
  aesDecryptCTR,
  aesDecryptGCM,
  aesEncryptCTR,
  derivePairingCodeKey,
  hkdf,
} from '@whiskeysockets/baileys';
import type { BinaryNode, KeyPair } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { SERVER_JID, child, childBytes, iqResult, parseJid, unixTime } from './core.ts';
import type { SimCore } from './core.ts';
import { completePairing, registrationKeys } from './pairing.ts';
import type { AccountRecord, CompanionRecord } from './store.ts';

/** A pairing-code registration in progress. */
export interface LinkCodeSession {
  conn: SimConnection;
  ref: Buffer;
  wrappedCompanionEphemeral: Buffer;
  account?: AccountRecord;
  primaryEphemeral?: KeyPair;
  companionEphemeral?: Buffer;
  settle?: { resolve: (companion: CompanionRecord) => void; reject: (err: unknown) => void };
}

/** Handles `link_code_companion_reg` IQs from a registering companion (both stages). */
export function handleLinkCodeIq(core: SimCore, conn: SimConnection, iq: BinaryNode): void {
  const reg = child(iq, 'link_code_companion_reg');
  if (reg?.attrs.stage === 'companion_hello') {
    const ref = randomBytes(16);
    const wrapped = childBytes(reg, 'link_code_pairing_wrapped_companion_ephemeral_pub');
    if (!wrapped) throw new Error('companion_hello without wrapped ephemeral');
    const user = parseJid(reg.attrs.jid ?? '').user;
    core.linkCodes.set(user, { conn, ref, wrappedCompanionEphemeral: wrapped });
    core.events.emit(`link-code:${user}`);
    conn.send(
      iqResult(iq, [
        {
          tag: 'link_code_companion_reg',
          attrs: {},
          content: [{ tag: 'link_code_pairing_ref', attrs: {}, content: ref }],
        },
      ]),
    );
    return;
  }
  const session = [...core.linkCodes.values()].find((s) => s.conn === conn);
  conn.send(iqResult(iq));
  if (!session?.settle) return;
  try {
    const advSecret = unwrapKeyBundle(
      session,
      childBytes(reg, 'link_code_pairing_wrapped_key_bundle'),
    );
    core.linkCodes.forEach((s, user) => s === session && core.linkCodes.delete(user));
    // Not awaited: pair-success's reply arrives on this same connection, whose frames are processed one
    // at a time, so waiting here would block the very frame it waits for.
    const { resolve, reject } = session.settle;
    completePairing(core, session.account!, conn, advSecret).then(resolve, reject);
  } catch (err) {
    session.settle.reject(err);
  }
}

/**
 * The phone types `code`: unwraps the companion's ephemeral key, wraps its own and sends the
 * `link_code_companion_reg` notification. Resolves once the companion is linked.
 */
export async function enterPairingCode(
  core: SimCore,
  account: AccountRecord,
  code: string,
): Promise<CompanionRecord> {
  const session = await linkCodeSession(core, account.phoneNumber);
  const normalized = code.replace(/[-\s]/g, '').toUpperCase();
  session.companionEphemeral = await unwrapKey(session.wrappedCompanionEphemeral, normalized);
  session.primaryEphemeral = Curve.generateKeyPair();
  session.account = account;
  const wrappedPrimary = await wrapKey(session.primaryEphemeral.public, normalized);
  const linked = new Promise<CompanionRecord>(
    (resolve, reject) => (session.settle = { resolve, reject }),
  );
  session.conn.send({
    tag: 'notification',
    attrs: {
      from: SERVER_JID,
      type: 'link_code_companion_reg',
      id: randomBytes(6).toString('hex'),
      t: unixTime(),
    },
    content: [
      {
        tag: 'link_code_companion_reg',
        attrs: {},
        content: [
          { tag: 'link_code_pairing_ref', attrs: {}, content: session.ref },
          { tag: 'primary_identity_pub', attrs: {}, content: account.phone.identity.public },
          {
            tag: 'link_code_pairing_wrapped_primary_ephemeral_pub',
            attrs: {},
            content: wrappedPrimary,
          },
        ],
      },
    ],
  });
  return linked;
}

/**
 * The pending pairing-code registration for a phone number. Baileys sends its hello without awaiting an
 * answer, so the phone may be typing the code before the hello has been processed: wait for it briefly.
 */
async function linkCodeSession(core: SimCore, phoneNumber: string): Promise<LinkCodeSession> {
  const existing = core.linkCodes.get(phoneNumber);
  if (existing) return existing;
  const signal = AbortSignal.timeout(5_000);
  await once(core.events, `link-code:${phoneNumber}`, { signal }).catch(() => {
    throw new Error(`no pairing code requested for ${phoneNumber}`);
  });
  const session = core.linkCodes.get(phoneNumber);
  if (!session) throw new Error(`no pairing code requested for ${phoneNumber}`);
  return session;
}

/** salt(32) ‖ iv(16) ‖ AES-CTR(key), keyed by PBKDF2(code, salt). */
async function wrapKey(publicKey: Uint8Array, code: string): Promise<Buffer> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const key = await derivePairingCodeKey(code, salt);
  return Buffer.concat([salt, iv, aesEncryptCTR(publicKey, key, iv)]);
}

async function unwrapKey(wrapped: Buffer, code: string): Promise<Buffer> {
  const key = await derivePairingCodeKey(code, wrapped.subarray(0, 32));
  return aesDecryptCTR(wrapped.subarray(48, 80), key, wrapped.subarray(32, 48));
}

/**
 * Decrypts the companion's key bundle (salt ‖ iv ‖ GCM(companionIdentity ‖ primaryIdentity ‖ random)) and
 * derives the ADV secret. A wrong code shows up here: the GCM tag does not verify.
 */
function unwrapKeyBundle(session: LinkCodeSession, bundle: Buffer | undefined): Buffer {
  const { primaryEphemeral, companionEphemeral, account } = session;
  if (!bundle || !primaryEphemeral || !companionEphemeral || !account)
    throw new Error('link code session incomplete');
  const ephemeralShared = Curve.sharedKey(primaryEphemeral.private, companionEphemeral);
  const key = hkdf(ephemeralShared, 32, {
    salt: bundle.subarray(0, 32),
    info: 'link_code_pairing_key_bundle_encryption_key',
  });
  let plain: Buffer;
  try {
    plain = aesDecryptGCM(bundle.subarray(44), key, bundle.subarray(32, 44), Buffer.alloc(0));
  } catch {
    throw new Error('pairing code is wrong: key bundle does not decrypt');
  }
  const companionIdentity = plain.subarray(0, 32);
  if (!companionIdentity.equals(registrationKeys(session.conn).identityKey))
    throw new Error('key bundle names another companion');
  if (!plain.subarray(32, 64).equals(account.phone.identity.public))
    throw new Error('key bundle names another phone');
  const identityShared = Curve.sharedKey(account.phone.identity.private, companionIdentity);
  const material = Buffer.concat([ephemeralShared, identityShared, plain.subarray(64)]);
  return Buffer.from(hkdf(material, 32, { info: 'adv_secret' }));
}
