// The stand-in's database connection, whichever driver serves it: embedded PGlite or a PostgreSQL server.
import type { Readable } from 'node:stream';
import type { LockOptions } from './data-dir-lock.js';

export type WarehouseKind = 'postgres' | 'pglite';

export interface QueryOutcome {
  command: string;
  fields: string[];
  rows: unknown[][];
  rowCount: number;
}

/** Where PostgreSQL's own COPY puts rows, and how it reads them. */
export interface CopyTarget {
  /** The table's SQL name, quoted (and schema-qualified) by the caller. */
  table: string;
  /** The quoted column list, e.g. `"id", "name"`. */
  columns: string;
  /** PostgreSQL's text format or its CSV format. */
  format: 'text' | 'csv';
  /** One character; PostgreSQL's default for the format when absent. */
  delimiter?: string;
}

/** One database connection, held for a whole statement batch so temp tables survive between its statements. */
export interface WarehouseSession {
  query(sql: string, params?: unknown[]): Promise<QueryOutcome>;
  /**
   * Loads `rows` (bytes in the target's format) with PostgreSQL's own COPY and resolves with the rows copied; rejects
   * on any error in the rows or the stream. Contract: every chunk the stream yields ends on a row boundary (never part
   * of a row, and a CSV row's line feeds inside quotes are inside it): PGlite copies the stream as several COPY
   * statements of whole chunks, so it never splits a row between two statements. On PGlite a failure leaves the
   * earlier statements' rows in the transaction: the caller rolls back (to a savepoint), as after any failed statement.
   */
  copyRows(target: CopyTarget, rows: Readable): Promise<number>;
}

export interface WarehouseConnection {
  readonly kind: WarehouseKind;
  /** How many statements may run at once (1 on PGlite, the pool size on a server). */
  readonly concurrency: number;
  withSession<T>(work: (session: WarehouseSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface WarehouseLocation {
  /** postgres://… — a PostgreSQL server; otherwise embedded PGlite. */
  url?: string;
  /** PGlite data directory (e.g. `<workspace>/warehouse-db`), or `memory://` (the default). */
  dataDir?: string;
  /** Pool size on a server; also the number of statements run at once. */
  maxConnections?: number;
  /** PGlite on disk: how to wait for another process holding the directory. */
  lock?: LockOptions;
}

// int8 as number; numeric, date and timestamp as their text, as the Data API returns them.
export const INT8 = 20;
export const TEXT_TYPES = [1700, 1082, 1114, 1083] as const;
