// Rejected rows of a load (MAXERROR > 0): a follow-up statement reads them, and its own event stores them by the audit row.
import { type Insertable, sql, type Transaction } from 'kysely';
import { type rejectedRowColumns, rejectedRowsSql } from '../../core/load-sql/rejected-rows.js';
import { statementName } from '../../core/load-sql/statement-name.js';
import type { Rule } from '../../core/rules/rule.js';
import { storableText } from '../../core/text/safe-text.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { trimErrorMessage } from '../../records/audit.js';
import type { Database, LoadErrorTable, RunRow } from '../../records/tables.js';
import { failureText } from './load-outcome.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';

/** Worth a follow-up when the rule tolerates rejects and some (or an unknown number) were rejected. */
export function wantsRejectedRows(rule: Rule, rowsRejected: number | null, queryId: number | null): boolean {
  return (rule.maxErrors ?? 0) > 0 && queryId !== null && (rowsRejected === null || rowsRejected > 0);
}

/**
 * Submitted with an event rather than waited for: the status function never sleeps (the original slept 62 s).
 * Returns the follow-up's statement id.
 */
export async function submitRejectedRows(
  deps: StatusDependencies,
  runId: string,
  queryId: number,
): Promise<string> {
  const { id } = await deps.warehouse.submit({
    name: statementName('rejects', runId),
    sqls: [rejectedRowsSql(queryId)],
    withEvent: true,
  });
  deps.log.info({ runId, queryId, rejectsStatementId: id }, 'rejected rows requested');
  return id;
}

function column(row: unknown[], name: (typeof rejectedRowColumns)[number], columns: string[]): unknown {
  const index = columns.indexOf(name);
  return index < 0 ? null : row[index];
}

function numberOrNull(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

function textOrNull(value: unknown, limit: number): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : storableText(text).slice(0, limit);
}

type LoadErrorRow = Pick<Insertable<LoadErrorTable>, 'line_number' | 'column_name' | 'error_code' | 'reason'>;

/** What ends a failed run's error once the row-level reason is known; a repeated event replaces it, not adds. */
const detailMarker = ' — first rejected row: ';

/** `line 3, column price, error 1207: Invalid digit, Value '4.x5', Pos 1, Type: Decimal` */
export function loadErrorDetail(row: LoadErrorRow): string {
  const where = [
    row.line_number == null ? undefined : `line ${row.line_number}`,
    row.column_name == null ? undefined : `column ${row.column_name}`,
    row.error_code == null ? undefined : `error ${row.error_code}`,
  ].filter((part) => part !== undefined);
  return `${where.join(', ')}: ${row.reason ?? 'no message'}`;
}

/**
 * A COPY that fails outright says only "Check 'sys_load_error_detail' system table for details": the run's error
 * and its audit row get the first rejected row's line, column, error code and message (which quotes the value).
 */
async function addFailureDetail(trx: Transaction<Database>, run: RunRow, row: LoadErrorRow): Promise<void> {
  const base = (run.error ?? '').split(detailMarker)[0];
  const error = trimErrorMessage(`${base}${detailMarker}${loadErrorDetail(row)}`);
  await trx.updateTable('rdscnfg.ferry_run').set({ error }).where('run_id', '=', run.run_id).execute();
  if (run.ext_file_audit_sid !== null) {
    await trx
      .updateTable('rdscnfg.ext_file_audit')
      .set({ error_msg: error })
      .where('ext_file_audit_sid', '=', run.ext_file_audit_sid)
      .execute();
  }
}

/**
 * Replaces the run's stored rejected rows with what the follow-up read, under a lock on the run's ledger row, so a
 * repeated event stores the same rows once. A follow-up that failed is logged; the load it describes stands.
 */
export async function recordRejectedRows(
  deps: StatusDependencies,
  run: RunRow,
  description: StatementDescription,
): Promise<StatusOutcome> {
  const base = { runId: run.run_id, kind: 'rejects' as const, state: run.state };
  if (description.status !== 'FINISHED') {
    deps.log.warn({ runId: run.run_id, error: failureText(description) }, 'rejected rows could not be read');
    return { ...base, result: 'unchanged' };
  }
  const resultId = description.subStatements[0]?.id ?? description.id;
  const result = await deps.warehouse.results(resultId);
  const rows = result.rows.map((row) => ({
    run_id: run.run_id,
    ext_file_audit_sid: run.ext_file_audit_sid,
    line_number: numberOrNull(column(row, 'line_number', result.columns)),
    column_name: textOrNull(column(row, 'column_name', result.columns), 200),
    error_code: numberOrNull(column(row, 'error_code', result.columns)),
    reason: textOrNull(column(row, 'error_message', result.columns), 1024),
    raw_line: null,
    raw_value: null,
  }));
  await deps.db.transaction().execute(async (trx) => {
    await sql`select 1 from rdscnfg.ferry_run where run_id = ${run.run_id} for update`.execute(trx);
    await trx.deleteFrom('rdscnfg.ferry_load_error').where('run_id', '=', run.run_id).execute();
    if (rows.length > 0) await trx.insertInto('rdscnfg.ferry_load_error').values(rows).execute();
    // The count was unknown when the processing function had no record count; the detail settles it.
    if (run.rows_rejected === null) {
      await trx
        .updateTable('rdscnfg.ferry_run')
        .set({ rows_rejected: rows.length })
        .where('run_id', '=', run.run_id)
        .where('rows_rejected', 'is', null)
        .execute();
      if (run.ext_file_audit_sid !== null) {
        await trx
          .updateTable('rdscnfg.ext_file_audit')
          .set({ rows_rejected: rows.length })
          .where('ext_file_audit_sid', '=', run.ext_file_audit_sid)
          .where('rows_rejected', 'is', null)
          .execute();
      }
    }
    const [first] = rows;
    if (first !== undefined && (run.state === 'FAILED' || run.state === 'ABORTED')) {
      await addFailureDetail(trx, run, first);
    }
  });
  deps.log.info({ runId: run.run_id, rejectedRows: rows.length }, 'rejected rows stored');
  return { ...base, result: 'recorded' };
}
