import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initAuthCreds, proto } from '@whiskeysockets/baileys';
import { createSecretBox } from '../../../src/crypto/index.ts';
import { openDatabase, type Database } from '../../../src/db/index.ts';
import {
  createDbAuthState,
  hasStoredSession,
  wipeStoredSession,
} from '../../../src/whatsapp/auth-store.ts';
import { makeTempDir, type TempDir } from '../../support/config.ts';

describe('WhatsApp auth store (database, encrypted)', () => {
  let dir: TempDir;
  let db: Database;
  const box = createSecretBox(Buffer.alloc(32, 7));

  beforeEach(async () => {
    dir = makeTempDir();
    db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 'auth.db')}` });
  });
  afterEach(async () => {
    await db.close();
    dir.cleanup();
  });

  it('round-trips creds and every key type, Buffers intact', async () => {
    const first = await createDbAuthState(db, box);
    expect(await hasStoredSession(db)).to.equal(false);
    first.state.creds.me = { id: '919876543210:3@s.whatsapp.net', lid: '123456789012345:3@lid' };
    await first.saveCreds();
    const preKey = { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) };
    const appKey = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.alloc(32, 3),
      timestamp: 5,
    });
    await first.state.keys.set({
      'pre-key': { '1': preKey, '2': preKey },
      session: { '919876543210.0': Buffer.from('session-bytes') },
      'app-state-sync-key': { AAAA: appKey },
    });

    const second = await createDbAuthState(db, box);
    expect(await hasStoredSession(db)).to.equal(true);
    expect(second.state.creds.me?.id).to.equal('919876543210:3@s.whatsapp.net');
    expect(Buffer.from(second.state.creds.noiseKey.private)).to.deep.equal(
      Buffer.from(first.state.creds.noiseKey.private),
    );
    const preKeys = await second.state.keys.get('pre-key', ['1', '2', '3']);
    expect(Object.keys(preKeys)).to.have.members(['1', '2']);
    expect(Buffer.from(preKeys['1']!.private)).to.deep.equal(preKey.private);
    const sessions = await second.state.keys.get('session', ['919876543210.0']);
    expect(Buffer.from(sessions['919876543210.0']!).toString()).to.equal('session-bytes');
    const appKeys = await second.state.keys.get('app-state-sync-key', ['AAAA']);
    expect(appKeys.AAAA).to.be.instanceOf(proto.Message.AppStateSyncKeyData);
  });

  it('deletes keys set to null and wipes everything on unlink', async () => {
    const auth = await createDbAuthState(db, box);
    await auth.saveCreds();
    await auth.state.keys.set({
      'pre-key': { '1': { public: Buffer.alloc(32), private: Buffer.alloc(32) } },
    });
    await auth.state.keys.set({ 'pre-key': { '1': null } });
    expect(await auth.state.keys.get('pre-key', ['1'])).to.deep.equal({});
    await wipeStoredSession(db);
    expect(await hasStoredSession(db)).to.equal(false);
  });

  it('keeps no plaintext key material in the database file', async () => {
    const auth = await createDbAuthState(db, box);
    const creds = initAuthCreds();
    Object.assign(auth.state.creds, { advSecretKey: creds.advSecretKey });
    await auth.saveCreds();
    const secretPrivate = Buffer.alloc(32, 0xab);
    await auth.state.keys.set({
      'pre-key': { '9': { public: Buffer.alloc(32, 0xcd), private: secretPrivate } },
    });
    await db.close();
    const file = Buffer.concat(
      ['auth.db', 'auth.db-wal']
        .map((name) => join(dir.path, name))
        .map((path) => {
          try {
            return readFileSync(path);
          } catch {
            return Buffer.alloc(0);
          }
        }),
    );
    const needles = [
      secretPrivate,
      secretPrivate.toString('base64'),
      Buffer.from(auth.state.creds.noiseKey.private).toString('base64'),
      Buffer.from(auth.state.creds.signedIdentityKey.private).toString('base64'),
      auth.state.creds.advSecretKey,
    ];
    for (const needle of needles) {
      expect(file.includes(needle), String(needle).slice(0, 12)).to.equal(false);
    }
    db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 'auth.db')}` });
  });
});
