// `ferry init`: a ready workspace — config database migrated; the sample feeds (their config rows and their Redshift
// SQL from sql/redshift) only when asked, so a plain init leaves the warehouse to the user's own SQL.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ConfigDatabase } from '../../adapters/postgres/config-database.js';
import { errorMessage } from '../../core/errors.js';
import { formatJson } from '../output.js';
import type { CliContext } from '../workspace.js';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('create the workspace: migrate the config database (the warehouse stays empty unless asked)')
    .option(
      '--samples',
      'add the sample feeds: their Redshift SQL (sql/redshift) and config rows (sql/config/sample-config.sql)',
    )
    .option('--sql <dir>', 'apply the Redshift SQL files of this directory to the warehouse')
    .addHelpText('after', '\nExample:\n  $ ferry init --samples --workspace ./my-feeds\n')
    .action(async (options: { samples?: boolean; sql?: string }) => {
      const { applySqlDirectory, redshiftSqlDir, withLocalRuntime } = await import('../local-runtime.js');
      const summary = await withLocalRuntime(
        context,
        async (runtime) => {
          // The samples' tables carry the original framework's names (rdsftetl.dc_x_pa_flavor, …): installed
          // unasked they would collide with an existing user's own Redshift SQL (issue 13, item 10).
          const sqlDir = options.sql ?? (options.samples ? redshiftSqlDir : undefined);
          const applied = sqlDir ? await applySqlDirectory(runtime, sqlDir) : [];
          const samples = options.samples ? await insertSamples(runtime.config) : 'not asked';
          return {
            workspace: context.workspace,
            warehouseScripts: applied.map((a) => a.name),
            samples,
          };
        },
        { pipeline: false },
      );
      if (context.json) context.output.out(formatJson(summary));
      else {
        context.output.out(`workspace ready: ${summary.workspace}`);
        context.output.out(`warehouse scripts applied: ${summary.warehouseScripts.join(', ') || 'none'}`);
        if (summary.samples === 'inserted')
          context.output.out('sample config rows inserted (ferry rules lists them)');
        else if (summary.samples !== 'not asked') context.output.out(summary.samples);
      }
    });
}

// PostgreSQL's unique_violation.
const UNIQUE_VIOLATION = '23505';

/**
 * Inserts the sample rules. The script is one multi-statement query, so PostgreSQL runs it as one transaction: when a
 * key is taken (an earlier `init --samples`, or rows of one's own with the same ids) nothing is inserted.
 */
async function insertSamples(config: ConfigDatabase): Promise<string> {
  try {
    const { sampleConfigFile } = await import('../local-runtime.js');
    await config.runScript(await readFile(sampleConfigFile, 'utf8'));
    return 'inserted';
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    return (
      'sample config rows not inserted: their keys are already in the config database, from an earlier ' +
      `\`init --samples\` or rows of your own (${errorMessage(error)}); nothing changed — \`ferry rules\` lists the rules`
    );
  }
}
