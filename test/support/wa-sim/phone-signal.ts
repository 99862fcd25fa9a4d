/**
 * The simulated phone's Signal identity and an in-memory libsignal store, with encrypt/decrypt helpers for
 * talking to companion devices.
 */
import { Curve, generateSignalPubKey, signedKeyPair } from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';
import { ProtocolAddress, SessionBuilder, SessionCipher, SessionRecord } from 'libsignal';
import type { SignalStorage } from 'libsignal';
import type { KeyBundle, OneTimePreKey } from './store.ts';

/** libsignal wants 33-byte (type-prefixed) public keys. */
type LibsignalPair = { privKey: Buffer; pubKey: Buffer };

const toLibsignal = (pair: KeyPair): LibsignalPair => ({
  privKey: Buffer.from(pair.private),
  pubKey: Buffer.from(generateSignalPubKey(pair.public)),
});

/** One encrypted payload for a device, as carried in an `<enc>` node. */
export interface SignalCiphertext {
  type: 'pkmsg' | 'msg';
  ciphertext: Buffer;
}

/** Signal identity, pre-keys and sessions of the simulated phone (device 0 of its account). */
export class PhoneSignal {
  readonly identity: KeyPair = Curve.generateKeyPair();
  readonly registrationId = 1 + Math.floor(Math.random() * 16000);
  readonly #signedPreKey = signedKeyPair(this.identity, 1);
  readonly #preKeys = new Map<number, KeyPair>();
  readonly #sessions = new Map<string, Uint8Array>();
  #nextPreKeyId = 1;

  /** Returns the phone's bundle with a fresh one-time pre-key (the phone never runs out). */
  keyBundle(): KeyBundle {
    const keyId = this.#nextPreKeyId++;
    const pair = Curve.generateKeyPair();
    this.#preKeys.set(keyId, pair);
    const preKey: OneTimePreKey = { keyId, publicKey: Buffer.from(pair.public) };
    return {
      registrationId: this.registrationId,
      identityKey: Buffer.from(this.identity.public),
      signedPreKey: {
        keyId: this.#signedPreKey.keyId,
        publicKey: Buffer.from(this.#signedPreKey.keyPair.public),
        signature: Buffer.from(this.#signedPreKey.signature),
      },
      preKey,
    };
  }

  /** Decrypts a pkmsg/msg a device sent to the phone. `peer` names the sending device as `<user>:<device>`. */
  async decrypt(peer: string, { type, ciphertext }: SignalCiphertext): Promise<Buffer> {
    const cipher = new SessionCipher(this.#storage, addressOf(peer));
    return type === 'pkmsg'
      ? cipher.decryptPreKeyWhisperMessage(ciphertext)
      : cipher.decryptWhisperMessage(ciphertext);
  }

  /** True when the phone already has an open session with `peer`. */
  hasSession(peer: string): boolean {
    const stored = this.#sessions.get(addressOf(peer).toString());
    return !!stored && SessionRecord.deserialize(stored).haveOpenSession();
  }

  /** Encrypts for `peer`, starting a session from `bundle` when none is open. */
  async encrypt(
    peer: string,
    plaintext: Uint8Array,
    bundle?: () => KeyBundle | undefined,
  ): Promise<SignalCiphertext> {
    const address = addressOf(peer);
    if (!this.hasSession(peer)) {
      const keys = bundle?.();
      if (!keys) throw new Error(`no session and no key bundle for ${peer}`);
      await new SessionBuilder(this.#storage, address).initOutgoing(toSessionInit(keys));
    }
    const { type, body } = await new SessionCipher(this.#storage, address).encrypt(plaintext);
    return { type: type === 3 ? 'pkmsg' : 'msg', ciphertext: Buffer.from(body, 'binary') };
  }

  readonly #storage: SignalStorage = {
    loadSession: (id) => {
      const stored = this.#sessions.get(id);
      return Promise.resolve(stored ? SessionRecord.deserialize(stored) : undefined);
    },
    storeSession: (id, record) => {
      this.#sessions.set(id, record.serialize());
      return Promise.resolve();
    },
    // The phone trusts every companion identity: the server vouched for it during pairing.
    isTrustedIdentity: () => true,
    loadPreKey: (id) => {
      const pair = this.#preKeys.get(Number(id));
      return Promise.resolve(pair ? toLibsignal(pair) : undefined);
    },
    removePreKey: (id) => void this.#preKeys.delete(id),
    loadSignedPreKey: () => toLibsignal(this.#signedPreKey.keyPair),
    getOurRegistrationId: () => this.registrationId,
    getOurIdentity: () => toLibsignal(this.identity),
  };
}

/** `peer` is `<user>:<device>`; libsignal forbids dots in names, hence the colon. */
function addressOf(peer: string): ProtocolAddress {
  const [name = '', device = '0'] = peer.split(':');
  return new ProtocolAddress(name, Number(device));
}

/** Converts a stored bundle to libsignal's `initOutgoing` shape (33-byte keys). */
function toSessionInit(bundle: KeyBundle) {
  const prefixed = (key: Uint8Array) => Buffer.from(generateSignalPubKey(key));
  return {
    registrationId: bundle.registrationId,
    identityKey: prefixed(bundle.identityKey),
    signedPreKey: {
      keyId: bundle.signedPreKey.keyId,
      publicKey: prefixed(bundle.signedPreKey.publicKey),
      signature: bundle.signedPreKey.signature,
    },
    preKey: bundle.preKey
      ? { keyId: bundle.preKey.keyId, publicKey: prefixed(bundle.preKey.publicKey) }
      : (undefined as unknown as { keyId: number; publicKey: Uint8Array }),
  };
}
