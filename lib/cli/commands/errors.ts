// `ferry errors RUN`: the rows a load rejected under MAXERROR (rdscnfg.ferry_load_error), by run id or audit id.
import type { Command } from 'commander';
import { rejectedRowsOf } from '../../records/load-errors.js';
import { formatJson, formatTable } from '../output.js';
import { findRun } from '../run-lookup.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

const columns = ['line', 'column', 'code', 'reason', 'raw_line', 'raw_value'];

export function registerErrors(program: Command, context: CliContext): void {
  program
    .command('errors')
    .description('list the rows a run rejected (MAXERROR > 0): line, column, error code and reason')
    .argument('<run>', 'a run id, or the audit id `ferry status` shows')
    .addHelpText('after', '\nExamples:\n  $ ferry errors 12\n  $ ferry --json errors 3f1c…-run-id\n')
    .action(async (id: string) => {
      const { run, rows } = await withConfigDatabase(context, async (database) => {
        const found = await findRun(database.db, id);
        return { run: found, rows: await rejectedRowsOf(database.db, found.id) };
      });
      if (context.json) {
        context.output.out(formatJson({ runId: run.id, file: run.key, rejected: rows }));
        return;
      }
      context.output.out(`run ${run.id} (${run.key}): ${rows.length} rejected rows`);
      if (rows.length > 0) context.output.out(formatTable(columns, rows));
    });
}
