import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

/**
 * Brings the database to the last migration, each step in its own transaction, recording the version in
 * `PRAGMA user_version`. Refuses a database newer than this app, and a migration list with gaps.
 */
export function migrate(database: Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions run 1, 2, 3… in order)`,
      );
    }
  });
  const current = database.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `the history database is at version ${current}, newer than this app knows (${migrations.length}); update the app`,
    );
  }
  for (const migration of migrations.slice(current)) {
    database.transaction(() => {
      database.exec(migration.sql);
      database.pragma(`user_version = ${migration.version}`);
    })();
  }
  return migrations.length;
}
