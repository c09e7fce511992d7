// One way to reach the config database: a pg pool when a URL is given, embedded PGlite otherwise.
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type DataDirLock, type LockOptions, lockDataDir } from './data-dir-lock.js';
import type { Database } from './tables.js';

// Both drivers agree on these: int8 as number (counts and sizes stay far below 2^53),
// timestamp (no zone) as its wall-clock text, numeric as text.
const INT8 = 20;
const TIMESTAMP = 1114;
const NUMERIC = 1700;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

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

export async function openDatabase(location: DatabaseLocation): Promise<ConfigDatabase> {
  if (location.url) return openPostgres(location.url, location.maxConnections ?? 5);
  return openPGlite(location.dataDir ?? 'memory://', location.template, location.lock);
}

function openPostgres(url: string, max: number): ConfigDatabase {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return parseInt8;
      if (oid === TIMESTAMP || oid === NUMERIC) return keepText;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client that loses its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    async runScript(script) {
      const result = (await pool.query(script)) as pg.QueryResult | pg.QueryResult[];
      const results = Array.isArray(result) ? result : [result];
      return results.map((r) => ({ rows: r.rows ?? [], fields: (r.fields ?? []).map((f) => f.name) }));
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPGlite(
  dataDir: string,
  template?: Blob,
  lockOptions?: LockOptions,
): Promise<ConfigDatabase> {
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const lock = onDisk ? await lockDataDir(dataDir, lockOptions) : undefined;
  try {
    return await createPGlite(dataDir, template, lock);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function createPGlite(
  dataDir: string,
  template: Blob | undefined,
  lock: DataDirLock | undefined,
): Promise<ConfigDatabase> {
  // Loaded on demand: Lambda bundles reach the config database over pg and never need the embedded engine.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('./pglite-dialect.js'),
  ]);
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8]: parseInt8, [TIMESTAMP]: keepText, [NUMERIC]: keepText },
    ...(template ? { loadDataDir: template } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    dump: () => pglite.dumpDataDir('none'),
    async runScript(script) {
      // Goes through Kysely's connection queue so a script never interleaves with a transaction.
      return db.connection().execute(async () => {
        const results = await pglite.exec(script);
        return results.map((r) => ({
          rows: r.rows as Record<string, unknown>[],
          fields: r.fields.map((f) => f.name),
        }));
      });
    },
    async close() {
      await db.destroy();
      await lock?.release();
    },
  };
}
