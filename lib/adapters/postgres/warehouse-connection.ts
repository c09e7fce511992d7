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

/** One database connection, held for a whole statement batch so temp tables survive between its statements. */
export interface WarehouseSession {
  query(sql: string, params?: unknown[]): Promise<QueryOutcome>;
  /** Server only: streams Postgres CSV text into a `COPY … FROM STDIN` statement; resolves with rows copied. */
  copyFromStdin?(copySql: string, csv: Readable): Promise<number>;
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
