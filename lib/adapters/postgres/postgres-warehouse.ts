// WarehouseConnection over a PostgreSQL server: a pg pool, COPY FROM STDIN through pg-copy-streams.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement } from './copy-statement.js';
import {
  type CopyTarget,
  INT8,
  TEXT_TYPES,
  type WarehouseConnection,
  type WarehouseSession,
} from './warehouse-connection.js';

const keepText = (value: string) => value;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if ((TEXT_TYPES as readonly number[]).includes(oid)) return keepText;
    return pg.types.getTypeParser(oid, format);
  },
};

export function openPostgresWarehouse(url: string, max: number): WarehouseConnection {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // A dropped idle client must not crash the process; the next query reports the problem.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    concurrency: max,
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work(clientSession(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function clientSession(client: pg.PoolClient): WarehouseSession {
  return {
    async query(sql, params) {
      const result = await client.query({ text: sql, values: params, rowMode: 'array' });
      return {
        command: result.command ?? '',
        fields: (result.fields ?? []).map((f) => f.name),
        rows: (result.rows ?? []) as unknown[][],
        rowCount: result.rowCount ?? 0,
      };
    },
    async copyRows(target: CopyTarget, rows: Readable) {
      const copy = client.query(copyFrom(copyStatement(target, 'stdin')));
      await pipeline(rows, copy);
      return Number(copy.rowCount ?? 0);
    },
  };
}
