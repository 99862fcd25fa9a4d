import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251123000000_initial } from './Migration20251123000000_initial.ts';

/**
 * Every migration, oldest first, listed explicitly so nothing depends on globbing `.ts` files at
 * run time. The names are what the `mikro_orm_migrations` table records: never rename one.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251123000000_initial', class: Migration20251123000000_initial },
];
