// The follow-up query that reads a COPY's rejected rows (MAXERROR > 0) from Redshift's SYS_LOAD_ERROR_DETAIL.
import { ConfigError } from '../errors.js';
import { quoteIdentifier } from './sql-text.js';

/** Result columns, in order. The SYS view has no raw line text (only STL_LOAD_ERRORS on provisioned clusters does). */
export const rejectedRowColumns = [
  'query_id',
  'file_name',
  'line_number',
  'column_name',
  'column_type',
  'position',
  'error_code',
  'error_message',
] as const;
export type RejectedRowColumn = (typeof rejectedRowColumns)[number];

/** Character columns come back blank-padded (char(n)); trimmed in SQL so callers get the text. */
const paddedColumns: readonly RejectedRowColumn[] = [
  'file_name',
  'column_name',
  'column_type',
  'error_message',
];

/**
 * Every rejected row of the load, counted before the LIMIT: rows loaded + this must equal the records validated.
 * COUNT(*) OVER () needs no frame clause without an ORDER BY (AWS: "COUNT window function", r_WF_COUNT).
 */
export const rejectedTotalColumn = 'rejected_total';

/** COPY keeps at most MAXERROR rejected rows; reading more than this for one load is never useful. */
export const maxRejectedRows = 1000;

export function rejectedRowsSql(queryId: number, limit: number = maxRejectedRows): string {
  if (!Number.isSafeInteger(queryId) || queryId <= 0) {
    throw new ConfigError(`expected a positive integer Redshift query id, found ${queryId}`);
  }
  if (!Number.isSafeInteger(limit) || limit <= 0)
    throw new ConfigError(`expected a positive row limit, found ${limit}`);
  const select = rejectedRowColumns.map((column) => {
    const quoted = quoteIdentifier(column);
    return paddedColumns.includes(column) ? `TRIM(${quoted}) AS ${quoted}` : quoted;
  });
  return (
    `SELECT ${select.join(', ')}, COUNT(*) OVER () AS ${quoteIdentifier(rejectedTotalColumn)} ` +
    `FROM "sys_load_error_detail" WHERE "query_id" = ${queryId} ` +
    `ORDER BY "file_name", "line_number" LIMIT ${limit}`
  );
}
