// `ferry warehouse apply PATH…`: runs Redshift SQL files on the local stand-in, or through the Data API with --aws.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Warehouse } from '../../ports/warehouse.js';
import { formatJson, formatTable } from '../output.js';
import { UsageError } from '../usage-error.js';
import { type AppliedScript, applySqlScripts, type SqlScript } from '../warehouse/apply-sql.js';
import type { CliContext } from '../workspace.js';

export function registerWarehouse(program: Command, context: CliContext): void {
  const warehouse = program
    .command('warehouse')
    .description('work on the warehouse: the local Redshift stand-in, or Redshift itself with --aws');
  warehouse
    .command('apply')
    .description('run .sql files (directories: their .sql files in name order), one transaction per file')
    .argument('<paths...>', 'SQL files or directories of them')
    .option(
      '--aws',
      'run through the Redshift Data API (FERRY_REDSHIFT_* and AWS_REGION from the environment)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ ferry warehouse apply sql/redshift',
        '  $ FERRY_REDSHIFT_WORKGROUP=analytics FERRY_REDSHIFT_DATABASE=dev AWS_REGION=us-east-1 \\',
        '      ferry warehouse apply --aws sql/redshift',
        '',
      ].join('\n'),
    )
    .action(async (paths: string[], options: { aws?: boolean }) => {
      const found = await readScripts(paths.map((path) => resolve(context.cwd, path)));
      const scripts = found.map((script) => ({ ...script, name: relative(context.cwd, script.name) }));
      const apply = (target: Warehouse) =>
        applySqlScripts(target, scripts, { pollMs: options.aws ? 500 : 10 });
      const applied = options.aws
        ? await (await import('../aws-warehouse.js')).withAwsWarehouse(context.env, apply)
        : await (await import('../local-runtime.js')).withLocalRuntime(
            context,
            (runtime) => apply(runtime.warehouse),
            { pipeline: false },
          );
      printApplied(context, applied);
    });
}

/** Files in the order given; a directory contributes its `.sql` files in name order. */
export async function readScripts(paths: readonly string[]): Promise<SqlScript[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined)
      throw new UsageError(`expected a SQL file or directory, found nothing at ${path}`);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.endsWith('.sql')).sort();
      if (names.length === 0) throw new UsageError(`expected .sql files in ${path}, found none`);
      files.push(...names.map((name) => join(path, name)));
    } else files.push(path);
  }
  // A setup script is small (a Data API batch holds 100 KB at most), so it is read whole.
  return Promise.all(files.map(async (file) => ({ name: file, text: await readFile(file, 'utf8') })));
}

function printApplied(context: CliContext, applied: AppliedScript[]): void {
  if (context.json) {
    context.output.out(formatJson(applied));
    return;
  }
  const rows = applied.map((a) => ({ script: a.name, statements: a.statements, statement: a.statementId }));
  context.output.out(formatTable(['script', 'statements', 'statement'], rows));
}
