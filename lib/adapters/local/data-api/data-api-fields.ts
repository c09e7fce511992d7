// Encodes result values as the Data API's typed Field unions and column metadata, inferring types from the values.
import { utcTimestamp } from '../../../core/time/wall-clock.js';

export type FieldJson =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number }
  | { doubleValue: number }
  | { stringValue: string }
  | { blobValue: string };

export interface ColumnMetadataJson {
  name: string;
  label: string;
  typeName: string;
  /** 0 no nulls, 1 nullable, 2 unknown (JDBC convention, as the Data API reports it). */
  nullable: number;
}

export function toField(value: unknown): FieldJson {
  if (value === null || value === undefined) return { isNull: true };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { stringValue: String(value) };
    return Number.isInteger(value) ? { longValue: value } : { doubleValue: value };
  }
  if (typeof value === 'bigint') {
    const safe = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER);
    return safe ? { longValue: Number(value) } : { stringValue: value.toString() };
  }
  if (typeof value === 'string') return { stringValue: value };
  if (value instanceof Date) return { stringValue: formatTimestamp(value) };
  if (value instanceof Uint8Array) return { blobValue: Buffer.from(value).toString('base64') };
  return { stringValue: JSON.stringify(value) };
}

/** Redshift prints timestamps as `YYYY-MM-DD HH:MM:SS[.ffffff]`; a JS Date carries milliseconds in UTC. */
export function formatTimestamp(date: Date): string {
  const text = utcTimestamp(date);
  return text.endsWith('.000') ? text.slice(0, -4) : text;
}

/** The backend gives names and values only, so the type is read off the first non-null value of each column. */
export function columnMetadata(columns: string[], rows: unknown[][]): ColumnMetadataJson[] {
  return columns.map((name, index) => {
    const sample = rows.find((row) => row[index] !== null && row[index] !== undefined)?.[index];
    return { name, label: name, typeName: typeNameOf(sample), nullable: 2 };
  });
}

function typeNameOf(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int8';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int8' : 'float8';
  if (value instanceof Date) return 'timestamp';
  if (value instanceof Uint8Array) return 'varbyte';
  return 'varchar';
}
