import { MikroORM } from '@mikro-orm/postgresql';
import { defineMigrationSuite } from '../support/db-assertions.ts';

/**
 * The URL of the PostgreSQL test database. Its name must contain "test", because every test
 * drops and recreates its `public` schema.
 */
function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'TEST_DATABASE_URL is not set. Start a throwaway server with ' +
        'TEST_DATABASE_URL=$(bash scripts/ci/pg-throwaway.sh start) npm run test:pg',
    );
  }
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(
      `Refusing to wipe database "${name}": the test database name must contain "test"`,
    );
  }
  return url;
}

/** Drops and recreates the `public` schema so each test starts with no tables at all. */
async function resetPublicSchema(url: string): Promise<void> {
  const orm = await MikroORM.init({
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
  });
  try {
    await orm.em.getConnection().execute('drop schema if exists public cascade');
    await orm.em.getConnection().execute('create schema public');
  } finally {
    await orm.close(true);
  }
}

describe('db: migrations on PostgreSQL', () => {
  const url = testDatabaseUrl();

  defineMigrationSuite({
    kind: 'postgresql',
    freshDatabaseUrl: async () => {
      await resetPublicSchema(url);
      return url;
    },
  });
});
