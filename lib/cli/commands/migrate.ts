// `ferry migrate`: brings the config database's schema up to date.
import type { Command } from 'commander';
import { migrateToLatest } from '../../records/migrate.js';
import { formatJson } from '../output.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

export function registerMigrate(program: Command, context: CliContext): void {
  program
    .command('migrate')
    .description('apply pending migrations to the config database (DATABASE_URL, else <workspace>/config-db)')
    .addHelpText('after', '\nExample:\n  $ ferry --workspace ./.ferry migrate\n')
    .action(async () => {
      const results = await withConfigDatabase(context, (database) => migrateToLatest(database.db), {
        create: true,
      });
      const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
      if (context.json) {
        context.output.out(formatJson({ applied }));
      } else if (applied.length === 0) {
        context.output.out('config database is up to date');
      } else {
        context.output.out(applied.map((name) => `applied ${name}`).join('\n'));
      }
    });
}
