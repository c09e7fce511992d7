// Runs one statement through the Warehouse port and reports what it did: its rows, or how many rows it changed.
import { TerminalError } from '../../core/errors.js';
import type { Warehouse } from '../../ports/warehouse.js';
import { type WaitOptions, waitForStatement } from './wait-for-statement.js';

export interface StatementOutcome {
  statementId: string;
  /** The statement returned a result set (possibly empty): `columns` and `rows` hold it. */
  hasResultSet: boolean;
  /** Rows a statement without a result set changed (INSERT, UPDATE, DELETE, COPY); 0 for DDL; null when unknown. */
  rowsAffected: number | null;
  columns: string[];
  rows: unknown[][];
}

/**
 * DescribeStatement says whether there is a result set (`HasResultSet`) and, when there is none, the rows affected
 * (`ResultRows`); GetStatementResult is called only when there is one, since the Data API answers "Query does not
 * have result" for DDL and DML (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_DescribeStatement.html).
 * A batch's results are read by its sub-statement id (`<id>:1`), as the service requires.
 */
export async function runStatement(
  warehouse: Warehouse,
  sql: string,
  options: WaitOptions = {},
): Promise<StatementOutcome> {
  const { id } = await warehouse.submit({ name: 'ferry-query', sqls: [sql], withEvent: false });
  const outcome = await waitForStatement(warehouse, id, options);
  const statement = outcome.subStatements[0] ?? outcome;
  if (outcome.status !== 'FINISHED') {
    throw new TerminalError(
      `warehouse statement failed: ${statement.error ?? outcome.error ?? outcome.status}`,
      {
        context: { statementId: id },
      },
    );
  }
  const hasResultSet = statement.hasResultSet ?? outcome.hasResultSet ?? false;
  if (!hasResultSet) {
    const rows = statement.resultRows ?? outcome.resultRows;
    return { statementId: id, hasResultSet, rowsAffected: rows ?? null, columns: [], rows: [] };
  }
  const { columns, rows } = await warehouse.results(statement.id);
  return { statementId: id, hasResultSet, rowsAffected: null, columns, rows };
}
