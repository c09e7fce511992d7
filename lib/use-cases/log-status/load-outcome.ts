// What a finished load statement says: rows loaded by its COPY, rows rejected, and Redshift's error text.

import { COPY_STATEMENT_INDEX } from '../../core/load-sql/build-load.js';
import type { Rule } from '../../core/rules/rule.js';
import type { StatementDescription } from '../../ports/warehouse.js';

/** The COPY sub-statement's row count: the INSERT after it would count the same rows, the others none. */
export function rowsLoadedBy(description: StatementDescription): number | null {
  const rows = description.subStatements[COPY_STATEMENT_INDEX]?.resultRows;
  return rows === undefined || rows < 0 ? null : rows;
}

/** The COPY's Redshift query id, which names its rows in sys_load_error_detail. */
export function copyQueryId(description: StatementDescription): number | null {
  const id = description.subStatements[COPY_STATEMENT_INDEX]?.redshiftQueryId;
  return id === undefined || id <= 0 ? null : id;
}

/**
 * The query id of a COPY that failed: Redshift's error then only says "Check 'sys_load_error_detail' system table
 * for details", and the row-level reason is read from there by this id.
 */
export function failedCopyQueryId(description: StatementDescription): number | null {
  const copy = description.subStatements[COPY_STATEMENT_INDEX];
  if (copy?.status !== 'FAILED') return null;
  return copyQueryId(description);
}

/**
 * Without MAXERROR a COPY that rejects a row fails, so a finished load rejected none. With it, the rejected rows are
 * the records the processing function counted minus the rows loaded, when both are known.
 */
export function rowsRejectedBy(rule: Rule, records: number | null, rowsLoaded: number | null): number | null {
  if ((rule.maxErrors ?? 0) === 0) return 0;
  if (records === null || rowsLoaded === null) return null;
  return Math.max(0, records - rowsLoaded);
}

/** Redshift's message for a failed or aborted statement, or a sentence saying there was none. */
export function failureText(description: StatementDescription): string {
  const text =
    description.error?.trim() ||
    description.subStatements.find((sub) => sub.error?.trim())?.error?.trim() ||
    '';
  if (text !== '') return text;
  return description.status === 'ABORTED'
    ? `statement ${description.id} was aborted`
    : `statement ${description.id} ended ${description.status} without an error message`;
}
