/**
 * In-memory account store: every simulated WhatsApp account (its phone and its linked companions) and the
 * session-level state a real server keeps, so a companion can drop, reconnect with saved creds and still be
 * known, and several accounts can coexist in one simulator.
 */
import type { BinaryNode, KeyPair } from '@whiskeysockets/baileys';

/** A signed pre-key as published in a key bundle. */
export interface SignedPreKey {
  keyId: number;
  publicKey: Buffer;
  signature: Buffer;
}

/** A one-time pre-key as published in a key bundle. */
export interface OneTimePreKey {
  keyId: number;
  publicKey: Buffer;
}

/** Everything a peer needs to start a Signal session with one device (32-byte keys, no type prefix). */
export interface KeyBundle {
  registrationId: number;
  identityKey: Buffer;
  signedPreKey: SignedPreKey;
  preKey?: OneTimePreKey;
}

/** The keys a companion registers with: from its registration ClientPayload, then its pre-key upload. */
export interface CompanionKeys {
  noiseKey: Buffer;
  identityKey: Buffer;
  registrationId: number;
  signedPreKey: SignedPreKey;
}

/** A linked companion device of an account. */
export interface CompanionRecord extends CompanionKeys {
  deviceId: number;
  keyIndex: number;
  /** Uploaded one-time pre-keys not yet handed out (each is served once). */
  preKeys: OneTimePreKey[];
  /** Stanzas waiting for the companion's next login (delivered with `offline`). */
  offlineQueue: BinaryNode[];
}

/** The phone side of an account as the server sees it: its bundle and its inbox. */
export interface PhoneEndpoint {
  /** The phone's identity key pair: it signs companions' ADV identities. */
  identity: KeyPair;
  keyBundle(): KeyBundle;
  /** Called after a companion was linked or unlinked. */
  devicesChanged(): void;
  /** Handles a stanza addressed to the phone (device 0). */
  deliver(stanza: BinaryNode): Promise<void>;
}

/** One WhatsApp account: phone number, LID, the phone, and its companions. */
export interface AccountRecord {
  phoneNumber: string;
  lidUser: string;
  pushName: string;
  phone: PhoneEndpoint;
  companions: Map<number, CompanionRecord>;
  nextDeviceId: number;
  nextKeyIndex: number;
}

/** Holds all accounts, indexed by phone number and by LID user. */
export class AccountStore {
  readonly #byPhone = new Map<string, AccountRecord>();
  readonly #byLid = new Map<string, AccountRecord>();

  /** Registers a new account; throws when the phone number or LID is taken. */
  addAccount(
    account: Omit<AccountRecord, 'companions' | 'nextDeviceId' | 'nextKeyIndex'>,
  ): AccountRecord {
    if (this.#byPhone.has(account.phoneNumber) || this.#byLid.has(account.lidUser)) {
      throw new Error(`account ${account.phoneNumber} already exists`);
    }
    const record: AccountRecord = {
      ...account,
      companions: new Map(),
      nextDeviceId: 1,
      nextKeyIndex: 1,
    };
    this.#byPhone.set(record.phoneNumber, record);
    this.#byLid.set(record.lidUser, record);
    return record;
  }

  /** Finds an account by a PN or LID user part (no server, no device). */
  byUser(user: string): AccountRecord | undefined {
    return this.#byPhone.get(user) ?? this.#byLid.get(user);
  }

  /** Links a new companion to the account and returns it with its fresh device id and key index. */
  linkCompanion(account: AccountRecord, keys: CompanionKeys): CompanionRecord {
    const companion: CompanionRecord = {
      ...keys,
      deviceId: account.nextDeviceId++,
      keyIndex: account.nextKeyIndex++,
      preKeys: [],
      offlineQueue: [],
    };
    account.companions.set(companion.deviceId, companion);
    account.phone.devicesChanged();
    return companion;
  }

  /** Removes a companion (logout or forced device removal). */
  unlinkCompanion(account: AccountRecord, deviceId: number): boolean {
    const removed = account.companions.delete(deviceId);
    if (removed) account.phone.devicesChanged();
    return removed;
  }

  /** Returns a device's bundle: the phone for device 0, else a companion's (consuming one one-time key). */
  takeKeyBundle(account: AccountRecord, deviceId: number): KeyBundle | undefined {
    if (deviceId === 0) return account.phone.keyBundle();
    const companion = account.companions.get(deviceId);
    if (!companion) return undefined;
    const { registrationId, identityKey, signedPreKey } = companion;
    // When one-time keys run out a bundle without one is still valid (pitfall 7).
    return { registrationId, identityKey, signedPreKey, preKey: companion.preKeys.shift() };
  }

  /** All accounts, for diagnostics. */
  accounts(): AccountRecord[] {
    return [...this.#byPhone.values()];
  }
}
