/**
 * The database door (SPEC §9): the only module that touches a MikroORM driver. Other modules
 * import entities, the `EntityManager` type and `openDatabase` from here, never from a driver.
 */
export { openDatabase, PING_TIMEOUT_MS } from './open-database.ts';
export type { Database, DatabaseOptions, EntityManager } from './open-database.ts';
export { parseDatabaseUrl } from './database-url.ts';
export type { DatabaseTarget } from './database-url.ts';
export * from './entities/index.ts';
// Thrown by a duplicate key (outbox idempotency key, webhook id, SSO jti): callers catch this one.
export { UniqueConstraintViolationException } from '@mikro-orm/core';
