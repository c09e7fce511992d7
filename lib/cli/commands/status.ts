// `ferry status`: the audit table as users query it, failures only, or runs stuck waiting for the warehouse.
import type { Command } from 'commander';
import { sql } from 'kysely';
import type { ConfigDatabase } from '../../adapters/postgres/config-database.js';
import { heldRuns } from '../../records/held-runs.js';
import { lateFeeds } from '../../records/late-feeds.js';
import { listRuns } from '../../records/runs.js';
import { exitCodes } from '../exit-codes.js';
import { formatJson, formatTable } from '../output.js';
import { UsageError } from '../usage-error.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

interface StatusOptions {
  failed?: boolean;
  limit: string;
  stuck?: boolean;
  olderThan: string;
  held?: boolean;
  late?: boolean;
}

export const auditColumns = [
  'audit',
  'file',
  'status',
  'loaded',
  'rows',
  'rejected',
  'started',
  'ended',
  'error',
];

export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description('show the latest audit rows (newest first), only failures, or runs stuck in the warehouse')
    .option('--failed', 'only FAILED, ABORTED and TRANSFORM_FAILED rows')
    .option('--limit <n>', 'how many rows', '20')
    .option('--stuck', 'runs still RECEIVED or SUBMITTED after --older-than minutes (exit 1 when any)')
    .option('--older-than <minutes>', 'age that makes a run stuck', '30')
    .option('--held', 'files held in the input by their sequence contract (`ferry release` lets one go)')
    .option(
      '--late',
      'feeds whose due time passed without a file, as the reconciler noticed them (exit 1 when any)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ ferry status --failed --limit 5\n  $ ferry status --stuck --older-than 60\n  $ ferry status --held\n  $ ferry status --late\n',
    )
    .action(async (options: StatusOptions) => {
      const limit = wholeNumber(options.limit, '--limit');
      await withConfigDatabase(context, async (database) => {
        if (options.stuck)
          return showStuck(context, database, wholeNumber(options.olderThan, '--older-than'), limit);
        if (options.held) return showHeld(context, database, limit);
        if (options.late) return showLate(context, database);
        const rows = await auditRows(database, { failed: !!options.failed, limit });
        context.output.out(context.json ? formatJson(rows) : formatTable(auditColumns, rows));
      });
    });
}

export async function auditRows(database: ConfigDatabase, filter: { failed: boolean; limit: number }) {
  let query = database.db
    .selectFrom('rdscnfg.ext_file_audit')
    .select([
      'ext_file_audit_sid as audit',
      'file_name as file',
      'file_process_status as status',
      'file_prcsd_flag as loaded',
      'rows_loaded as rows',
      'rows_rejected as rejected',
      'start_time as started',
      'end_time as ended',
      'error_msg as error',
    ]);
  if (filter.failed)
    query = query.where('file_process_status', 'in', ['FAILED', 'ABORTED', 'TRANSFORM_FAILED']);
  return query.orderBy('ext_file_audit_sid', 'desc').limit(filter.limit).execute();
}

async function showStuck(context: CliContext, database: ConfigDatabase, minutes: number, limit: number) {
  const now = await sql<{ now: Date }>`select now() as now`.execute(database.db);
  const before = new Date((now.rows[0]?.now ?? new Date()).getTime() - minutes * 60_000);
  const runs = await listRuns(database.db, {
    states: ['RECEIVED', 'SUBMITTED'],
    updatedBefore: before,
    limit,
  });
  const rows = runs.map((run) => ({
    run: run.id,
    file: run.key,
    state: run.state,
    statement: run.statementId,
    since: run.updatedAt,
  }));
  context.output.out(
    context.json ? formatJson(rows) : formatTable(['run', 'file', 'state', 'statement', 'since'], rows),
  );
  if (rows.length > 0) context.setExitCode(exitCodes.failure);
}

async function showHeld(context: CliContext, database: ConfigDatabase, limit: number) {
  const rows = (await heldRuns(database.db, { limit })).map((run) => ({
    run: run.id,
    file: run.key,
    audit: run.auditId,
    since: run.updatedAt,
    reason: run.error,
  }));
  context.output.out(
    context.json ? formatJson(rows) : formatTable(['run', 'file', 'audit', 'since', 'reason'], rows),
  );
}

async function showLate(context: CliContext, database: ConfigDatabase) {
  const rows = (await lateFeeds(database.db)).map((feed) => ({
    rule: feed.ruleId,
    interface: feed.interfaceId,
    due: feed.dueAt,
    'last arrival': feed.lastArrival,
  }));
  context.output.out(
    context.json ? formatJson(rows) : formatTable(['rule', 'interface', 'due', 'last arrival'], rows),
  );
  if (rows.length > 0) context.setExitCode(exitCodes.failure);
}

function wholeNumber(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} expects a whole number, found '${value}'`);
  return Number(value);
}
