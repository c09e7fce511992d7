// Rejected rows of a load (MAXERROR > 0): a follow-up statement reads them, and its own event stores them by the audit row.
import {
  type rejectedRowColumns,
  rejectedRowsSql,
  rejectedTotalColumn,
} from '../../core/load-sql/rejected-rows.js';
import { statementName } from '../../core/load-sql/statement-name.js';
import type { Rule } from '../../core/rules/rule.js';
import { storableText } from '../../core/text/safe-text.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { trimErrorMessage } from '../../records/audit.js';
import { type RejectedRow, storeRejectedRows } from '../../records/load-errors.js';
import { releaseHeld } from '../../records/notify-once.js';
import type { Run } from '../../records/run.js';
import { submitWithRetry } from '../submit-with-retry.js';
import { failureText } from './load-outcome.js';
import { rowCountMismatch } from './reconcile-rows.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';
import { failUnreconciledLoad } from './unreconciled-load.js';

/**
 * Every load of a rule that tolerates rejects gets the follow-up: records − loaded is only what the rejects should
 * be, and the follow-up's count is what they were (rows loaded + rejected must equal the records validated).
 */
export function wantsRejectedRows(rule: Rule, queryId: number | null): boolean {
  return (rule.maxErrors ?? 0) > 0 && queryId !== null;
}

/**
 * Submitted with an event rather than waited for: the status function never sleeps (the original slept 62 s).
 * Returns the follow-up's statement id.
 */
export async function submitRejectedRows(
  deps: Pick<StatusDependencies, 'warehouse' | 'log' | 'settings'>,
  runId: string,
  queryId: number,
): Promise<string> {
  const request = {
    name: statementName('rejects', runId),
    sqls: [rejectedRowsSql(queryId)],
    withEvent: true,
  };
  const { id } = await submitWithRetry(deps, request, deps.settings.submitRetryDelaysMs);
  deps.log.info({ runId, queryId, rejectsStatementId: id }, 'rejected rows requested');
  return id;
}

type ResultColumn = (typeof rejectedRowColumns)[number] | typeof rejectedTotalColumn;

function column(row: unknown[] | undefined, name: ResultColumn, columns: string[]): unknown {
  if (row === undefined) return null;
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

/** What ends a failed run's error once the row-level reason is known; a repeated event replaces it, not adds. */
const detailMarker = ' — first rejected row: ';

/** `line 3, column price, error 1207: Invalid digit, Value '4.x5', Pos 1, Type: Decimal` */
export function loadErrorDetail(row: RejectedRow): string {
  const where = [
    row.lineNumber == null ? undefined : `line ${row.lineNumber}`,
    row.columnName == null ? undefined : `column ${row.columnName}`,
    row.errorCode == null ? undefined : `error ${row.errorCode}`,
  ].filter((part) => part !== undefined);
  return `${where.join(', ')}: ${row.reason ?? 'no message'}`;
}

/**
 * A COPY that fails outright says only "Check 'sys_load_error_detail' system table for details": the run's error
 * and its audit row get the first rejected row's line, column, error code and message (which quotes the value).
 */
function failureDetail(run: Run, first: RejectedRow | undefined): string | null | undefined {
  if (first === undefined || (run.state !== 'FAILED' && run.state !== 'ABORTED')) return undefined;
  const base = (run.error ?? '').split(detailMarker)[0];
  return trimErrorMessage(`${base}${detailMarker}${loadErrorDetail(first)}`);
}

/**
 * Replaces the run's stored rejected rows with what the follow-up read, under a lock on the run's ledger row, so a
 * repeated event stores the same rows once; a loaded run whose rejects do not close the sum fails. A follow-up that
 * failed is logged; the load it describes stands.
 */
export async function recordRejectedRows(
  deps: StatusDependencies,
  run: Run,
  description: StatementDescription,
): Promise<StatusOutcome> {
  const base = { runId: run.id, kind: 'rejects' as const, state: run.state };
  const failed = run.state === 'FAILED' || run.state === 'ABORTED';
  if (description.status !== 'FINISHED') {
    deps.log.warn({ runId: run.id, error: failureText(description) }, 'rejected rows could not be read');
    // A failed load's notification was held for the reason that cannot come now: it goes out as it is.
    if (failed) await releaseHeld(deps, run.id, run.state);
    return { ...base, result: 'unchanged' };
  }
  const resultId = description.subStatements[0]?.id ?? description.id;
  const result = await deps.warehouse.results(resultId);
  const rows: RejectedRow[] = result.rows.map((row) => ({
    lineNumber: numberOrNull(column(row, 'line_number', result.columns)),
    columnName: textOrNull(column(row, 'column_name', result.columns), 200),
    errorCode: numberOrNull(column(row, 'error_code', result.columns)),
    reason: textOrNull(column(row, 'error_message', result.columns), 1024),
  }));
  // All rejected rows, counted before the LIMIT (a statement without the count column read them all, or none).
  const total = numberOrNull(column(result.rows[0], rejectedTotalColumn, result.columns)) ?? rows.length;
  const detail = failureDetail(run, rows[0]);
  await storeRejectedRows(deps.db, run, rows, total, detail);
  deps.log.info({ runId: run.id, rejectedRows: total, stored: rows.length }, 'rejected rows stored');
  if (failed) await releaseHeld(deps, run.id, run.state, detail ?? undefined);
  const mismatch = failed
    ? undefined
    : rowCountMismatch(run, { rowsLoaded: run.rowsLoaded, rowsRejected: total });
  if (mismatch !== undefined) {
    const moved = await failUnreconciledLoad(deps, run, total, mismatch);
    if (moved !== undefined) return { ...base, result: 'recorded', state: moved.state };
  }
  return { ...base, result: 'recorded' };
}
