import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import type { SecretBox } from '../crypto/index.ts';
import { WhatsappAuth, type Database } from '../db/index.ts';

/** Bumped when the stored format changes; kept in `whatsapp_config.session_schema_version`. */
export const AUTH_SCHEMA_VERSION = 1;

const CREDS_TYPE = 'creds';
const CREDS_ID = 'creds';

/** A Baileys auth state persisted in `whatsapp_auth`, every value sealed (SPEC §8.4, §9). */
export interface DbAuthState {
  state: AuthenticationState;
  /** Persists the creds object (Baileys emits `creds.update` after mutating it in place). */
  saveCreds(): Promise<void>;
  /**
   * Stops all further writes. Called before the session is wiped, so a socket that is still winding
   * down cannot write keys back into a database we just emptied.
   */
  disable(): void;
}

/** Serialises with Baileys' Buffer-aware JSON and seals the result. */
function seal(box: SecretBox, value: unknown): string {
  return box.seal(JSON.stringify(value, BufferJSON.replacer));
}

function open(box: SecretBox, token: string): unknown {
  return JSON.parse(box.openText(token), BufferJSON.reviver) as unknown;
}

/** True when a session (creds) is stored, i.e. the device has been paired. */
export async function hasStoredSession(db: Database): Promise<boolean> {
  const count = await db.em().count(WhatsappAuth, { type: CREDS_TYPE, keyId: CREDS_ID });
  return count > 0;
}

/** Deletes every creds and key row (unlink, 401). */
export async function wipeStoredSession(db: Database): Promise<void> {
  await db.em().nativeDelete(WhatsappAuth, {});
}

/** Reads the stored creds, or fresh ones for a new pairing. */
async function loadCreds(db: Database, box: SecretBox): Promise<AuthenticationCreds> {
  const row = await db.em().findOne(WhatsappAuth, { type: CREDS_TYPE, keyId: CREDS_ID });
  return row ? (open(box, row.value) as AuthenticationCreds) : initAuthCreds();
}

async function getKeys<T extends keyof SignalDataTypeMap>(
  db: Database,
  box: SecretBox,
  type: T,
  ids: string[],
): Promise<{ [id: string]: SignalDataTypeMap[T] }> {
  const result: { [id: string]: SignalDataTypeMap[T] } = {};
  if (ids.length === 0) return result;
  const rows = await db.em().find(WhatsappAuth, { type, keyId: { $in: ids } });
  for (const row of rows) {
    let value = open(box, row.value);
    // Baileys expects a protobuf object here, not the plain JSON it was saved from.
    if (type === 'app-state-sync-key' && value) {
      value = proto.Message.AppStateSyncKeyData.fromObject(value);
    }
    result[row.keyId] = value as SignalDataTypeMap[T];
  }
  return result;
}

/**
 * Writes every key of a `keys.set` call in one transaction: all or nothing, so a crash cannot leave
 * half a session behind. Errors propagate (a dropped `keys.set` would desynchronise Signal sessions).
 */
async function setKeys(db: Database, box: SecretBox, data: SignalDataSet): Promise<void> {
  const upserts: Array<{ type: string; keyId: string; value: string }> = [];
  const deletions: Array<{ type: string; keyId: string }> = [];
  for (const [type, entries] of Object.entries(data)) {
    for (const [keyId, value] of Object.entries(entries ?? {})) {
      if (value === null || value === undefined) deletions.push({ type, keyId });
      else upserts.push({ type, keyId, value: seal(box, value) });
    }
  }
  if (upserts.length === 0 && deletions.length === 0) return;
  await db.transactional(async (em) => {
    for (const { type, keyId } of deletions) {
      await em.nativeDelete(WhatsappAuth, { type, keyId });
    }
    if (upserts.length > 0) {
      const now = new Date();
      await em.upsertMany(
        WhatsappAuth,
        upserts.map((row) => ({ ...row, updatedAt: now })),
      );
    }
  });
}

/**
 * Builds the database-backed auth state. Callers wrap `state.keys` in Baileys'
 * `makeCacheableSignalKeyStore` so hot reads are served from memory.
 */
export async function createDbAuthState(db: Database, box: SecretBox): Promise<DbAuthState> {
  const creds = await loadCreds(db, box);
  let writable = true;
  const write = (data: SignalDataSet) => (writable ? setKeys(db, box, data) : Promise.resolve());
  return {
    state: {
      creds,
      keys: {
        get: (type, ids) => getKeys(db, box, type, ids),
        set: write,
        clear: () => wipeStoredSession(db),
      },
    },
    saveCreds: () => write({ [CREDS_TYPE]: { [CREDS_ID]: creds } } as unknown as SignalDataSet),
    disable: () => {
      writable = false;
    },
  };
}
