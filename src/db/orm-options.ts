import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { ALL_ENTITY_SCHEMAS } from './entities/index.ts';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * MikroORM options shared by both drivers. Entities and migrations are passed as explicit lists
 * (no folder discovery, no reflection, no ts-morph), which keeps `MikroORM.init` in the tens of
 * milliseconds and works under Node's type stripping.
 */
export function sharedOrmOptions(debug: boolean): Partial<Options> {
  return {
    entities: [...ALL_ENTITY_SCHEMAS],
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      // No snapshot files: they would be written next to the source at every boot.
      snapshot: false,
      snapshotOnMigrate: false,
      // The migrator would otherwise print to the console; openDatabase reports what it applied.
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    // Only SQL text, never parameters: those can be ciphertext, hashes or message text.
    debug: debug ? ['query'] : false,
    // The database must already exist (SQLite creates its file); never CREATE DATABASE at boot.
    ensureDatabase: false,
    // Every query goes through an explicit fork; a global-context query is a bug to surface.
    allowGlobalContext: false,
  };
}
