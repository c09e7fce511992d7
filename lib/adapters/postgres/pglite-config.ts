// The config database embedded: PGlite, in memory or in a data directory that one process at a time may open.
import { mkdirSync } from 'node:fs';
import { Kysely } from 'kysely';
import type { Database } from '../../records/tables.js';
import { type ConfigDatabase, INT8, keepText, NUMERIC, parseInt8, TIMESTAMP } from './config-database.js';
import { type DataDirLock, type LockOptions, lockDataDir } from './data-dir-lock.js';

/**
 * Postgres zeroes its shared buffers at every start; initdb's 128MB cost each CLI command about a tenth of a
 * CPU-second in a WebAssembly memset. Config tables are a few hundred rows, which 16MB holds many times over.
 */
const sharedBuffers = '16MB';

export async function openPGlite(
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
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
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
