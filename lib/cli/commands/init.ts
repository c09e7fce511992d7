// `ferry init`: a ready workspace — config database migrated, warehouse schemas from sql/redshift, samples optional.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { applySqlDirectory, redshiftSqlDir, sampleConfigFile, withLocalRuntime } from '../local-runtime.js';
import { formatJson } from '../output.js';
import type { CliContext } from '../workspace.js';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('create the workspace: migrate the config database and apply sql/redshift to the warehouse')
    .option('--samples', "also insert the sample feeds' config rows (sql/config/sample-config.sql)")
    .option('--sql <dir>', 'apply the Redshift SQL files of this directory instead of sql/redshift')
    .addHelpText('after', '\nExample:\n  $ ferry init --samples --workspace ./my-feeds\n')
    .action(async (options: { samples?: boolean; sql?: string }) => {
      const summary = await withLocalRuntime(
        context,
        async (runtime) => {
          const applied = await applySqlDirectory(runtime, options.sql ?? redshiftSqlDir);
          if (options.samples) await runtime.config.runScript(await readFile(sampleConfigFile, 'utf8'));
          return {
            workspace: context.workspace,
            warehouseScripts: applied.map((a) => a.name),
            samples: !!options.samples,
          };
        },
        { pipeline: false },
      );
      if (context.json) context.output.out(formatJson(summary));
      else {
        context.output.out(`workspace ready: ${summary.workspace}`);
        context.output.out(`warehouse scripts applied: ${summary.warehouseScripts.join(', ') || 'none'}`);
        if (summary.samples) context.output.out('sample config rows inserted (ferry rules lists them)');
      }
    });
}
