// WarehouseConnection over embedded PGlite: one connection, so one statement batch at a time.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type LockOptions, lockDataDir } from './data-dir-lock.js';
import { copyThroughBlob } from './pglite-copy.js';
import { INT8, TEXT_TYPES, type WarehouseConnection, type WarehouseSession } from './warehouse-connection.js';

const keepText = (value: string) => value;

export async function openPGliteWarehouse(
  dataDir: string,
  lockOptions?: LockOptions,
): Promise<WarehouseConnection> {
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const lock = onDisk ? await lockDataDir(dataDir, lockOptions) : undefined;
  const parsers: Record<number, (value: string) => unknown> = { [INT8]: (value: string) => Number(value) };
  for (const oid of TEXT_TYPES) parsers[oid] = keepText;
  const pglite = await PGlite.create(dataDir, { parsers }).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const session: WarehouseSession = {
    async query(sql, params) {
      const result = await pglite.query<unknown[]>(sql, params, { rowMode: 'array' });
      return {
        command: commandOf(sql),
        fields: result.fields.map((f) => f.name),
        rows: result.rows,
        rowCount: result.affectedRows ?? result.rows.length,
      };
    },
    copyRows: (target, rows) => copyThroughBlob(pglite, target, rows),
  };
  // The caller (the statement queue) runs one batch at a time, so sessions never interleave.
  return {
    kind: 'pglite',
    concurrency: 1,
    withSession: (work) => work(session),
    async close() {
      await pglite.close();
      await lock?.release();
    },
  };
}

function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([A-Za-z]+)/.exec(sql);
  return (match?.[1] ?? '').toUpperCase();
}
