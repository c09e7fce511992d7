// Looks up the target table's columns in the catalog, so each field is checked the way Redshift checks it.
import { TerminalError } from '../../../../core/errors.js';
import type { WarehouseSession } from '../../../postgres/warehouse-connection.js';

export const columnKinds = [
  'char',
  'int',
  'numeric',
  'float',
  'bool',
  'date',
  'timestamp',
  'timestamptz',
  'other',
] as const;
export type ColumnKind = (typeof columnKinds)[number];

export interface TargetColumn {
  name: string;
  typeName: string;
  kind: ColumnKind;
  notNull: boolean;
  /** An IDENTITY column (Redshift's IDENTITY(seed, step) becomes a PostgreSQL identity column). */
  identity?: boolean;
  /** Byte limit of char/varchar (Redshift lengths are bytes). */
  maxBytes?: number;
  precision?: number;
  scale?: number;
  min?: bigint;
  max?: bigint;
}

export interface TargetTable {
  /** The quoted, qualified name to use in SQL. */
  sqlName: string;
  name: string;
  tableId: number;
  columns: TargetColumn[];
}

const intRanges: Record<string, [bigint, bigint]> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
};

const kindByType: Record<string, ColumnKind> = {
  bpchar: 'char',
  varchar: 'char',
  text: 'char',
  name: 'char',
  int2: 'int',
  int4: 'int',
  int8: 'int',
  numeric: 'numeric',
  float4: 'float',
  float8: 'float',
  bool: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
};

export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function loadTargetTable(
  session: WarehouseSession,
  table: { schema?: string; name: string },
): Promise<TargetTable> {
  const sqlName = table.schema
    ? `${quoteName(table.schema)}.${quoteName(table.name)}`
    : quoteName(table.name);
  const result = await session.query(
    `select a.attname, t.typname, a.atttypmod, a.attnotnull, a.attrelid::int, a.attidentity <> ''
       from pg_attribute a join pg_type t on t.oid = a.atttypid
      where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [sqlName],
  );
  if (result.rows.length === 0) {
    const shown = table.schema ? `${table.schema}.${table.name}` : table.name;
    throw new TerminalError(`relation "${shown}" does not exist`);
  }
  const columns = result.rows.map(([name, typeName, typmod, notNull, , identity]) => {
    const column = describeColumn(String(name), String(typeName), Number(typmod), Boolean(notNull));
    return identity ? { ...column, identity: true } : column;
  });
  return { sqlName, name: table.name, tableId: Number(result.rows[0]?.[4]), columns };
}

function describeColumn(name: string, typeName: string, typmod: number, notNull: boolean): TargetColumn {
  const kind = kindByType[typeName] ?? 'other';
  const column: TargetColumn = { name, typeName, kind, notNull };
  if (kind === 'char' && typmod > 4) column.maxBytes = typmod - 4;
  if (kind === 'numeric' && typmod > 4) {
    column.precision = (typmod - 4) >> 16;
    column.scale = (typmod - 4) & 0xffff;
  }
  const range = intRanges[typeName];
  if (range) [column.min, column.max] = range;
  return column;
}
