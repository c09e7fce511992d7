// `ferry sql`: runs SQL against the config database, the way a user inserts config rows into the embedded default.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ScriptResult } from '../../adapters/postgres/config-database.js';
import { errorMessage, FerryError } from '../../core/errors.js';
import { splitStatements } from '../../core/load-sql/split-statements.js';
import type { Warehouse } from '../../ports/warehouse.js';
import { formatJson, formatTable } from '../output.js';
import { changesRows, statementVerb } from '../statement-verb.js';
import { UsageError } from '../usage-error.js';
import { runStatement } from '../warehouse/run-statement.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

interface SqlOptions {
  file?: string;
  warehouse?: boolean;
  aws?: boolean;
}

/** What one warehouse statement did: its rows, or the rows it changed. */
interface WarehouseStatementResult extends ScriptResult {
  statement: string;
  rowsAffected: number | null;
}

/**
 * Each statement through the Warehouse port on its own, as the Data API runs (and commits) it; a failure stops the
 * script after printing what the statements before it did.
 */
async function runOnWarehouse(
  context: CliContext,
  warehouse: Warehouse,
  script: string,
  pollMs: number,
): Promise<WarehouseStatementResult[]> {
  const results: WarehouseStatementResult[] = [];
  const statements = splitStatements(script);
  for (const [index, statement] of statements.entries()) {
    try {
      const outcome = await runStatement(warehouse, statement, { pollMs });
      results.push({
        statement: statementVerb(statement),
        rowsAffected: outcome.rowsAffected,
        fields: outcome.columns,
        rows: outcome.rows.map((row) => Object.fromEntries(outcome.columns.map((c, i) => [c, row[i]]))),
      });
    } catch (error) {
      printWarehouseResults(context, results);
      throw new FerryError(
        `statement ${index + 1} of ${statements.length} (${statementVerb(statement)}) failed: ${errorMessage(error)}` +
          (index + 1 < statements.length
            ? `; the ${statements.length - index - 1} after it did not run`
            : ''),
        { cause: error },
      );
    }
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
    .option(
      '--aws',
      'with --warehouse: run it on Redshift through the Data API (FERRY_REDSHIFT_* and AWS_REGION from the environment)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  $ ferry sql "select ext_file_config_sid, file_prefix from rdscnfg.ext_file_config"`,
        '  $ ferry sql -f sql/config/sample-config.sql',
        '  $ ferry sql --warehouse "select file_name, count(*) from rdsftetl.dc_x_pa_flavor group by 1"',
        '  $ ferry sql --warehouse -f my-tables.sql',
        '',
      ].join('\n'),
    )
    .action(async (statement: string | undefined, options: SqlOptions) => {
      const script = await chooseScript(statement, options, context.cwd);
      if (options.aws && !options.warehouse) {
        throw new UsageError(
          '--aws runs SQL on Redshift and needs --warehouse; the config database has no --aws',
        );
      }
      if (options.warehouse) {
        const run = (warehouse: Warehouse) =>
          runOnWarehouse(context, warehouse, script, options.aws ? 200 : 10);
        const results = options.aws
          ? await (await import('../aws-warehouse.js')).withAwsWarehouse(context.env, run)
          : await (await import('../local-runtime.js')).withLocalRuntime(
              context,
              (runtime) => run(runtime.warehouse),
              { pipeline: false },
            );
        printWarehouseResults(context, results);
        return;
      }
      printResults(context, await withConfigDatabase(context, (database) => database.runScript(script)));
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

/** In order: a statement with a result set as a table, any other as its verb and the rows it changed. */
function printWarehouseResults(context: CliContext, results: WarehouseStatementResult[]): void {
  if (context.json) {
    context.output.out(formatJson(results));
    return;
  }
  for (const result of results) {
    if (result.fields.length > 0) {
      const count = result.rows.length;
      context.output.out(
        `${formatTable(result.fields, result.rows)}\n(${count} ${count === 1 ? 'row' : 'rows'})`,
      );
    } else if (result.rowsAffected !== null && changesRows(result.statement)) {
      context.output.out(
        `${result.statement}: ${result.rowsAffected} ${result.rowsAffected === 1 ? 'row' : 'rows'}`,
      );
    } else context.output.out(`${result.statement}: done`);
  }
}
