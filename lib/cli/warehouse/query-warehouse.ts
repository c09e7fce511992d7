// Runs one query through the Warehouse port and returns its rows, for the CLI's read-outs.
import type { StatementResult, Warehouse } from '../../ports/warehouse.js';
import { runStatement } from './run-statement.js';
import type { WaitOptions } from './wait-for-statement.js';

/** A statement without a result set gives no columns and no rows. */
export async function queryWarehouse(
  warehouse: Warehouse,
  sql: string,
  options: WaitOptions = {},
): Promise<StatementResult> {
  const { columns, rows } = await runStatement(warehouse, sql, options);
  return { columns, rows };
}
