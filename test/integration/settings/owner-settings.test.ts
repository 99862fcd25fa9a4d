import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveKeys } from '../../../src/crypto/index.ts';
import { openDatabase, type Database } from '../../../src/db/index.ts';
import { createOwnerSettings, type OwnerSettings } from '../../../src/settings/owner-settings.ts';
import { makeTempDir, TEST_SECRETS, type TempDir } from '../../support/config.ts';

describe('owner settings store', () => {
  let dir: TempDir;
  let db: Database;
  let settings: OwnerSettings;

  beforeEach(async () => {
    dir = makeTempDir();
    db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 's.db')}` });
    const keys = await deriveKeys(TEST_SECRETS.API_KEY_PEPPER, TEST_SECRETS.FERNET_SALT);
    settings = createOwnerSettings({
      db,
      keys,
      hostServer: 'http://127.0.0.1:5000',
      hostServerFromEnv: false,
    });
  });
  afterEach(async () => {
    await db.close();
    dir.cleanup();
  });

  it('stores the owner API key encrypted, hinting only its last 4 characters', async () => {
    const apiKey = 'oa-live-key-5f2b9c1d7e3a4b6c8d0e';
    await settings.setOwnerApiKey(apiKey);
    expect(await settings.getOwnerApiKey()).to.equal(apiKey);
    expect(await settings.ownerApiKeyHint()).to.equal('8d0e');
    expect(await settings.matchesOwnerApiKey(apiKey)).to.equal(true);
    expect(await settings.matchesOwnerApiKey(`${apiKey}x`)).to.equal(false);
    await db.close();
    const file = Buffer.concat(
      ['s.db', 's.db-wal'].map((f) => {
        try {
          return readFileSync(join(dir.path, f));
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    expect(file.includes(apiKey)).to.equal(false);
    db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 's.db')}` });
  });

  it('clears the key and its hash together', async () => {
    await settings.setOwnerApiKey('some-key-123456');
    await settings.setOwnerApiKey(null);
    expect(await settings.getOwnerApiKey()).to.equal(null);
    expect(await settings.matchesOwnerApiKey('some-key-123456')).to.equal(false);
  });

  it('keeps owner username, host URL and mode', async () => {
    expect(await settings.getOwnerUsername()).to.equal(null);
    await settings.setOwnerUsername('trader1');
    expect(await settings.getOwnerUsername()).to.equal('trader1');
    expect(await settings.getHostServer()).to.equal('http://127.0.0.1:5000');
    await settings.setHostServer('http://10.1.2.3:5000/');
    expect(await settings.getHostServer()).to.equal('http://10.1.2.3:5000');
    await settings.setMode('dedicated_number', ['919876543210']);
    expect(await settings.getMode()).to.deep.equal({
      mode: 'dedicated_number',
      ownerPhones: ['919876543210'],
    });
  });

  it('lets an environment HOST_SERVER win over the stored one', async () => {
    const keys = await deriveKeys(TEST_SECRETS.API_KEY_PEPPER, TEST_SECRETS.FERNET_SALT);
    const fromEnv = createOwnerSettings({
      db,
      keys,
      hostServer: 'http://env-host:5000',
      hostServerFromEnv: true,
    });
    await fromEnv.setHostServer('http://ui-host:5000');
    expect(await fromEnv.getHostServer()).to.equal('http://env-host:5000');
  });

  it('creates owner preferences with SPEC defaults and updates them', async () => {
    const prefs = await settings.getOwnerPreferences();
    expect(prefs).to.include({
      orderNotifications: true,
      tradeNotifications: false,
      timezone: 'Asia/Kolkata',
    });
    const mutedUntil = new Date(Date.now() + 30 * 60_000);
    const updated = await settings.updateOwnerPreferences({
      mutedUntil,
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
    });
    expect(updated.mutedUntil?.getTime()).to.equal(mutedUntil.getTime());
    expect((await settings.getOwnerPreferences()).quietHoursStart).to.equal('22:00');
  });
});

describe('owner settings store, concurrent first reads', () => {
  it('creates the owner preferences row once when many first reads race', async () => {
    const dir = makeTempDir();
    const db = await openDatabase({ databaseUrl: `sqlite:${join(dir.path, 'race.db')}` });
    try {
      const keys = await deriveKeys(TEST_SECRETS.API_KEY_PEPPER, TEST_SECRETS.FERNET_SALT);
      const settings = createOwnerSettings({
        db,
        keys,
        hostServer: 'http://h',
        hostServerFromEnv: false,
      });
      const all = await Promise.all(
        Array.from({ length: 8 }, () => settings.getOwnerPreferences()),
      );
      expect(all.every((prefs) => prefs.timezone === 'Asia/Kolkata')).to.equal(true);
    } finally {
      await db.close();
      dir.cleanup();
    }
  });
});
