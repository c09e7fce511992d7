// Reads the columns of the tables rules load into, from the warehouse's catalog, for `ferry check` and `ferry explain`.
import { quoteLiteral } from '../../core/load-sql/sql-text.js';
import type { Warehouse } from '../../ports/warehouse.js';
import { queryWarehouse } from './query-warehouse.js';

export interface TableName {
  schema: string;
  table: string;
}

/** `schema.table` (lower case) → its column names (lower case); a table that does not exist has no entry. */
export type TableColumns = ReadonlyMap<string, ReadonlySet<string>>;

export function tableKey(name: TableName): string {
  return `${name.schema}.${name.table}`.toLowerCase();
}

/**
 * One catalog query for every target. `information_schema.columns` answers on Redshift, which keeps the standard
 * PostgreSQL catalogs (https://docs.aws.amazon.com/redshift/latest/dg/c_intro_catalog_views.html), and on the
 * stand-in alike; its columns are the ones SVV_COLUMNS has (table_schema, table_name, column_name:
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_COLUMNS.html), which the stand-in does not provide.
 * Redshift folds identifiers to lower case, so names compare in lower case.
 */
export async function readTableColumns(
  warehouse: Warehouse,
  tables: readonly TableName[],
  options: { pollMs?: number } = {},
): Promise<TableColumns> {
  const found = new Map<string, Set<string>>();
  const keys = [...new Set(tables.map(tableKey))];
  if (keys.length === 0) return found;
  const wanted = keys.map((key) => quoteLiteral(key)).join(', ');
  const sql =
    'select table_schema, table_name, column_name from information_schema.columns ' +
    `where lower(table_schema || '.' || table_name) in (${wanted}) order by 1, 2, ordinal_position`;
  const { rows } = await queryWarehouse(warehouse, sql, options);
  for (const [schema, table, column] of rows) {
    const key = tableKey({ schema: String(schema), table: String(table) });
    const columns = found.get(key) ?? new Set<string>();
    columns.add(String(column).toLowerCase());
    found.set(key, columns);
  }
  return found;
}
