// The config database on a PostgreSQL server (RDS in AWS), through a pg pool.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../records/tables.js';
import { type ConfigDatabase, INT8, keepText, NUMERIC, parseInt8, TIMESTAMP } from './config-database.js';

export function openPostgres(url: string, max: number): ConfigDatabase {
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
