// The config database as Ferry holds it, whichever driver serves it, and the type parsers both drivers share.
import type { Kysely } from 'kysely';
import type { Database } from '../../records/tables.js';
import type { LockOptions } from './data-dir-lock.js';

// Both drivers agree on these: int8 as number (counts and sizes stay far below 2^53),
// timestamp (no zone) as its wall-clock text, numeric as text.
export const INT8 = 20;
export const TIMESTAMP = 1114;
export const NUMERIC = 1700;
export const parseInt8 = (value: string) => Number(value);
export const keepText = (value: string) => value;

export type DatabaseKind = 'postgres' | 'pglite';

export interface ScriptResult {
  rows: Record<string, unknown>[];
  fields: string[];
}

export interface ConfigDatabase {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  /** Runs a multi-statement SQL script as the user wrote it (config inserts); returns each statement's rows. */
  runScript(script: string): Promise<ScriptResult[]>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to start other databases from. */
  dump?(): Promise<Blob>;
}

export interface DatabaseLocation {
  /** postgres://… — when set, a pg pool is used. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throwaway database. */
  dataDir?: string;
  /** Upper bound on pooled connections (pg only). */
  maxConnections?: number;
  /** A PGlite data directory dump to start from (tests start from a migrated template). */
  template?: Blob;
  /** PGlite on disk: how to wait for another process holding the directory. */
  lock?: LockOptions;
}
