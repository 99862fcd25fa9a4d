/**
 * Server side of WhatsApp's Noise_XX_25519_AESGCM_SHA256 handshake and the framed transport that follows.
 * Baileys' own `makeNoiseHandler` is client-only (its transport keys are oriented for the client), so the
 * server half is rebuilt here on top of Baileys' crypto helpers.
 */
import {
  Curve,
  NOISE_MODE,
  NOISE_WA_HEADER,
  aesDecryptGCM,
  aesEncryptGCM,
  hkdf,
  proto,
  sha256,
} from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';

const EMPTY = Buffer.alloc(0);

/** Builds the 12-byte GCM nonce Noise uses: eight zero bytes then a big-endian counter. */
function nonce(counter: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(counter, 8);
  return iv;
}

/** Post-handshake cipher: one key and counter per direction, empty AAD. */
export interface NoiseTransport {
  encrypt(plaintext: Uint8Array): Buffer;
  decrypt(ciphertext: Uint8Array): Buffer;
}

/** What the server learns from the client's `clientFinish`. */
export interface HandshakeResult {
  /** The client's static noise public key: Baileys' `creds.noiseKey.public`, its login credential. */
  clientStaticKey: Buffer;
  /** Decoded ClientPayload (registration or login). */
  payload: proto.ClientPayload;
  transport: NoiseTransport;
}

/** Runs one server-side handshake. Call `serverHello` once, then `finish` once. */
export class NoiseServerHandshake {
  #hash: Buffer = Buffer.from(NOISE_MODE);
  #salt: Buffer = this.#hash;
  #key: Buffer = this.#hash;
  #counter = 0;
  readonly #ephemeral: KeyPair = Curve.generateKeyPair();
  readonly #staticKey: KeyPair;
  readonly #certChain: Uint8Array;

  /** @param staticKey the server's long-term noise key; @param certChain encoded proto.CertChain. */
  constructor(staticKey: KeyPair, certChain: Uint8Array) {
    this.#staticKey = staticKey;
    this.#certChain = certChain;
  }

  /** Answers the client's hello (its ephemeral key) with the encoded serverHello HandshakeMessage. */
  serverHello(clientEphemeral: Uint8Array): Uint8Array {
    this.#authenticate(NOISE_WA_HEADER);
    this.#authenticate(clientEphemeral);
    this.#authenticate(this.#ephemeral.public);
    this.#mixIntoKey(Curve.sharedKey(this.#ephemeral.private, clientEphemeral));
    const encStatic = this.#encrypt(this.#staticKey.public);
    this.#mixIntoKey(Curve.sharedKey(this.#staticKey.private, clientEphemeral));
    const payload = this.#encrypt(this.#certChain);
    return proto.HandshakeMessage.encode({
      serverHello: { ephemeral: this.#ephemeral.public, static: encStatic, payload },
    }).finish();
  }

  /** Consumes clientFinish; throws if the client's ciphertexts do not authenticate. */
  finish(clientFinish: proto.HandshakeMessage.IClientFinish): HandshakeResult {
    if (!clientFinish.static || !clientFinish.payload)
      throw new Error('clientFinish lacks static or payload');
    const clientStaticKey = this.#decrypt(clientFinish.static);
    this.#mixIntoKey(Curve.sharedKey(this.#ephemeral.private, clientStaticKey));
    const payload = proto.ClientPayload.decode(this.#decrypt(clientFinish.payload));
    const [clientWrite, clientRead] = this.#split(EMPTY);
    // The client encrypts with the first half, so the server decrypts with it and encrypts with the second.
    return { clientStaticKey, payload, transport: makeTransport(clientRead, clientWrite) };
  }

  #authenticate(data: Uint8Array): void {
    this.#hash = sha256(Buffer.concat([this.#hash, data]));
  }

  #encrypt(plaintext: Uint8Array): Buffer {
    const out = aesEncryptGCM(plaintext, this.#key, nonce(this.#counter++), this.#hash);
    this.#authenticate(out);
    return out;
  }

  #decrypt(ciphertext: Uint8Array): Buffer {
    const out = aesDecryptGCM(ciphertext, this.#key, nonce(this.#counter++), this.#hash);
    this.#authenticate(ciphertext);
    return out;
  }

  #split(data: Uint8Array): [Buffer, Buffer] {
    const okm = Buffer.from(hkdf(data, 64, { salt: this.#salt, info: '' }));
    return [okm.subarray(0, 32), okm.subarray(32)];
  }

  #mixIntoKey(data: Uint8Array): void {
    [this.#salt, this.#key] = this.#split(data);
    this.#counter = 0;
  }
}

/** Creates the transport cipher with independent counters for each direction. */
function makeTransport(encKey: Buffer, decKey: Buffer): NoiseTransport {
  let writeCounter = 0;
  let readCounter = 0;
  return {
    encrypt: (plaintext) => aesEncryptGCM(plaintext, encKey, nonce(writeCounter++), EMPTY),
    decrypt: (ciphertext) => aesDecryptGCM(ciphertext, decKey, nonce(readCounter++), EMPTY),
  };
}

/**
 * Splits the client's byte stream into frames: strips the one-time intro (`WA 06 03`, or the `ED` routing
 * variant) and then yields bodies prefixed by a 3-byte big-endian length.
 */
export class FrameReader {
  #buffer: Buffer = EMPTY;
  #introSeen = false;

  /** Appends received bytes and returns every complete frame body now available. */
  push(data: Uint8Array): Buffer[] {
    this.#buffer = Buffer.concat([this.#buffer, data]);
    if (!this.#introSeen && !this.#consumeIntro()) return [];
    const frames: Buffer[] = [];
    while (this.#buffer.length >= 3) {
      const size = this.#buffer.readUIntBE(0, 3);
      if (this.#buffer.length < size + 3) break;
      frames.push(this.#buffer.subarray(3, size + 3));
      this.#buffer = this.#buffer.subarray(size + 3);
    }
    return frames;
  }

  /** Returns false until the whole intro has arrived. */
  #consumeIntro(): boolean {
    let introLength = NOISE_WA_HEADER.length;
    if (this.#buffer.subarray(0, 2).toString('latin1') === 'ED') {
      if (this.#buffer.length < 7) return false;
      introLength = 7 + this.#buffer.readUIntBE(4, 3) + NOISE_WA_HEADER.length;
    }
    if (this.#buffer.length < introLength) return false;
    if (!this.#buffer.subarray(introLength - 4, introLength).equals(NOISE_WA_HEADER)) {
      throw new Error('client intro is not a WhatsApp noise header');
    }
    this.#buffer = this.#buffer.subarray(introLength);
    this.#introSeen = true;
    return true;
  }
}

/** Prefixes a frame body with its 3-byte big-endian length. */
export function encodeFrame(body: Uint8Array): Buffer {
  const frame = Buffer.alloc(3 + body.length);
  frame.writeUIntBE(body.length, 0, 3);
  frame.set(body, 3);
  return frame;
}
