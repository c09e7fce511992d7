// Applies Ferry's migrations to the config database; the same set serves PostgreSQL and PGlite.
import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { FerryError } from '../core/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any typed view of the database.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: 'public',
    migrationTableName: 'ferry_migration',
    migrationLockTableName: 'ferry_migration_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new FerryError(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return results;
}
