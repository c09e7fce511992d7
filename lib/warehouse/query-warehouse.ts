// Runs one query through the Warehouse port and returns its rows, for the CLI's read-outs.
import { TerminalError } from '../errors.js';
import type { StatementResult, Warehouse } from '../ports/warehouse.js';
import { type WaitOptions, waitForStatement } from './wait-for-statement.js';

export async function queryWarehouse(
  warehouse: Warehouse,
  sql: string,
  options: WaitOptions = {},
): Promise<StatementResult> {
  const { id } = await warehouse.submit({ name: 'ferry-query', sqls: [sql], withEvent: false });
  const outcome = await waitForStatement(warehouse, id, options);
  if (outcome.status !== 'FINISHED') {
    throw new TerminalError(`warehouse query failed: ${outcome.error ?? outcome.status}`, {
      context: { statementId: id },
    });
  }
  // The submission is a one-statement batch: the Data API keeps its rows under the sub-statement's id, and has
  // none for a statement without a result set (DDL, DML).
  const sub = outcome.subStatements[0];
  if (sub?.hasResultSet === false) return { columns: [], rows: [] };
  return warehouse.results(sub?.id ?? id);
}
