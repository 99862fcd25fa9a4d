import { Migration } from '@mikro-orm/migrations';
import { ACTIVITY_TABLES, activityTablesSql } from './initial-activity-tables.ts';
import { ADMIN_TABLES, adminTablesSql } from './initial-admin-tables.ts';
import { LINK_TABLES, linkTablesSql } from './initial-link-tables.ts';
import { dialectFor } from './sql-dialect.ts';

/** Every table of SPEC §9 (plus `sso_tokens` and `login_attempts`), on SQLite or PostgreSQL. */
export class Migration20251123000000_initial extends Migration {
  override up(): void {
    const dialect = dialectFor(this.driver.getPlatform());
    const statements = [
      ...linkTablesSql(dialect),
      ...activityTablesSql(dialect),
      ...adminTablesSql(dialect),
    ];
    // One line per statement: SQLite keeps the DDL text verbatim, and MikroORM parses it back.
    for (const sql of statements) this.addSql(sql.replace(/\s+/g, ' '));
  }

  override down(): void {
    const tables = [...LINK_TABLES, ...ACTIVITY_TABLES, ...ADMIN_TABLES].reverse();
    for (const table of tables) this.addSql(`drop table if exists ${table}`);
  }
}
