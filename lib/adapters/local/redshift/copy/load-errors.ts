// Rows rejected by a COPY, written to the local sys_load_error_detail once the statement's transaction has ended.
import { storableText } from '../../../../core/text/safe-text.js';
import type { WarehouseSession } from '../../../postgres/warehouse-connection.js';

export interface LoadErrorRow {
  queryId: number;
  tableId: number;
  startTime: string;
  fileName: string;
  lineNumber: number;
  columnName: string;
  columnType: string;
  columnLength: string;
  errorCode: number;
  errorMessage: string;
  rawLine: string;
  rawFieldValue: string;
}

const COLUMNS = [
  'query_id',
  'table_id',
  'start_time',
  'file_name',
  'line_number',
  'column_name',
  'column_type',
  'column_length',
  'error_code',
  'error_message',
  'raw_line',
  'raw_field_value',
];
const BATCH = 500;

/** Cut to the column's width; a NUL from the file (a 1220 rejection) is written visibly, as PostgreSQL needs. */
const cut = (text: string, max: number) => {
  const safe = storableText(text);
  return safe.length > max ? safe.slice(0, max) : safe;
};

/** Written outside the load's transaction, like Redshift's system tables, so a failed load keeps its reasons. */
export async function recordLoadErrors(
  session: WarehouseSession,
  rows: readonly LoadErrorRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const values = [
        row.queryId,
        row.tableId,
        row.startTime,
        cut(row.fileName, 256),
        row.lineNumber,
        cut(row.columnName, 127),
        cut(row.columnType, 10),
        cut(row.columnLength, 10),
        row.errorCode,
        cut(row.errorMessage, 512),
        cut(row.rawLine, 1024),
        cut(row.rawFieldValue, 1024),
      ];
      const placeholders = values.map((value) => `$${params.push(value)}`);
      return `(${placeholders.join(', ')})`;
    });
    await session.query(
      `insert into public.sys_load_error_detail (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`,
      params,
    );
  }
}
