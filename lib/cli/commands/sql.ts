// `ferry sql`: runs SQL against the config database, the way a user inserts config rows into the embedded default.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ScriptResult } from '../../db/open-database.js';
import { errorMessage, FerryError } from '../../errors.js';
import type { Warehouse } from '../../ports/warehouse.js';
import { splitStatements } from '../../sql/split-statements.js';
import { queryWarehouse } from '../../warehouse/query-warehouse.js';
import { withLocalRuntime } from '../local-runtime.js';
import { formatJson, formatTable } from '../output.js';
import { UsageError } from '../usage-error.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

interface SqlOptions {
  file?: string;
  warehouse?: boolean;
}

/** Each statement through the Warehouse port, as the Data API would run it; rows of those that return any. */
async function runOnWarehouse(warehouse: Warehouse, script: string): Promise<ScriptResult[]> {
  const results: ScriptResult[] = [];
  for (const statement of splitStatements(script)) {
    const { columns, rows } = await queryWarehouse(warehouse, statement, { pollMs: 10 });
    results.push({
      fields: columns,
      rows: rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))),
    });
  }
  return results;
}

export function registerSql(program: Command, context: CliContext): void {
  program
    .command('sql')
    .description('run SQL (one statement or a whole script) against the config database and print its rows')
    .argument('[statement]', 'SQL to run; several statements separated by ";" are allowed')
    .option('-f, --file <path>', 'run the SQL script in this file (e.g. an original config INSERT script)')
    .option('--warehouse', 'run it on the local Redshift stand-in instead (Redshift SQL, translated)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  $ ferry sql "select ext_file_config_sid, file_prefix from rdscnfg.ext_file_config"`,
        '  $ ferry sql -f sql/config/sample-config.sql',
        '  $ ferry sql --warehouse "select file_name, count(*) from rdsftetl.dc_x_pa_flavor group by 1"',
        '',
      ].join('\n'),
    )
    .action(async (statement: string | undefined, options: SqlOptions) => {
      const script = await chooseScript(statement, options, context.cwd);
      const results = options.warehouse
        ? await withLocalRuntime(context, (runtime) => runOnWarehouse(runtime.warehouse, script), {
            pipeline: false,
          })
        : await withConfigDatabase(context, (database) => database.runScript(script));
      printResults(context, results);
    });
}

async function chooseScript(
  statement: string | undefined,
  options: SqlOptions,
  cwd: string,
): Promise<string> {
  if (statement !== undefined && options.file !== undefined) {
    throw new UsageError('give either a statement or --file, not both');
  }
  if (options.file !== undefined) return readScript(resolve(cwd, options.file));
  if (statement === undefined || statement.trim() === '') {
    throw new UsageError('expected a SQL statement or --file <path>, found neither');
  }
  return statement;
}

async function readScript(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FerryError(`cannot read SQL file ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

function printResults(context: CliContext, results: ScriptResult[]): void {
  if (context.json) {
    context.output.out(formatJson(results.map((r) => ({ fields: r.fields, rows: r.rows }))));
    return;
  }
  const tables = results.filter((r) => r.fields.length > 0);
  for (const result of tables) {
    const count = result.rows.length;
    context.output.out(
      `${formatTable(result.fields, result.rows)}\n(${count} ${count === 1 ? 'row' : 'rows'})`,
    );
  }
  if (tables.length === 0) context.output.out(`ok (${results.length} statements)`);
}
