// Plain SQL sessions on embedded PGlite and on a throwaway PostgreSQL database, with sql/redshift applied as the stand-in would.
import { readdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { translateRedshiftSql } from '../../../lib/adapters/local/redshift/translate-sql.js';
import { warehouseSetupStatements } from '../../../lib/adapters/local/redshift/warehouse-setup.js';
import { splitStatements } from '../../../lib/core/load-sql/split-statements.js';
import { createServerDatabase, serverUrl } from '../../support/databases.js';

export interface SqlSession {
  /** Runs one statement; values are bound as $1, $2, …; rows come back as objects. */
  query<Row = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export interface SessionTarget {
  name: string;
  open(): Promise<SqlSession>;
}

export const redshiftSqlDirectory = new URL('../../../sql/redshift/', import.meta.url);

/** sql/redshift/*.sql in the order they are applied (by name). */
export function redshiftSqlFiles(): string[] {
  return readdirSync(redshiftSqlDirectory)
    .filter((name) => name.endsWith('.sql'))
    .sort();
}

/** Prepares the warehouse like the stand-in, then runs every file's statements through its translator. */
export async function applyRedshiftSql(session: SqlSession): Promise<void> {
  for (const statement of warehouseSetupStatements) await session.query(statement);
  for (const file of redshiftSqlFiles()) {
    const script = readFileSync(new URL(file, redshiftSqlDirectory), 'utf8');
    for (const statement of splitStatements(script)) await session.query(translateRedshiftSql(statement));
  }
}

async function openPGlite(): Promise<SqlSession> {
  const database = await PGlite.create('memory://');
  return {
    async query<Row>(sql: string, values?: unknown[]) {
      return (await database.query<Row>(sql, values)).rows;
    },
    close: () => database.close(),
  };
}

async function openServer(url: string): Promise<SqlSession> {
  const server = await createServerDatabase(url);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  return {
    async query<Row>(sql: string, values?: unknown[]) {
      return (await client.query(sql, values)).rows as Row[];
    },
    async close() {
      await client.end();
      await server.drop();
    },
  };
}

function serverTargets(url: string | undefined): SessionTarget[] {
  return url ? [{ name: 'postgres', open: () => openServer(url) }] : [];
}

export const sessionTargets: SessionTarget[] = [
  { name: 'pglite', open: openPGlite },
  ...serverTargets(serverUrl),
];
