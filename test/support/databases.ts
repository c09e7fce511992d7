// Every database-backed suite runs on PGlite and, when TEST_DATABASE_URL is set, on a fresh PostgreSQL database.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ConfigDatabase } from '../../lib/adapters/postgres/config-database.js';
import { openDatabase } from '../../lib/adapters/postgres/open-database.js';
import { migrateToLatest } from '../../lib/records/migrate.js';

export interface DatabaseTarget {
  name: string;
  /** A new, migrated, empty database; `close` drops it. */
  open(): Promise<ConfigDatabase>;
}

export const serverUrl = process.env.TEST_DATABASE_URL;

export const databaseTargets: DatabaseTarget[] = [
  { name: 'pglite', open: openPGliteFromTemplate },
  ...(serverUrl ? [{ name: 'postgres', open: () => openServerDatabase(serverUrl) }] : []),
];

// Initialising and migrating PGlite costs ~2 s; loading a migrated dump costs a quarter of that.
let pgliteTemplate: Promise<Blob> | undefined;

async function openPGliteFromTemplate(): Promise<ConfigDatabase> {
  pgliteTemplate ??= (async () => {
    const database = await openMigrated({});
    const dump = await database.dump!();
    await database.close();
    return dump;
  })();
  return openDatabase({ template: await pgliteTemplate });
}

async function openMigrated(location: { url?: string }): Promise<ConfigDatabase> {
  const database = await openDatabase(location);
  await migrateToLatest(database.db);
  return database;
}

/** Creates a throwaway database on the server, so suites and parallel workers never share state. */
export async function createServerDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ferry_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function openServerDatabase(url: string): Promise<ConfigDatabase> {
  const server = await createServerDatabase(url);
  const database = await openMigrated({ url: server.url });
  return {
    ...database,
    async close() {
      await database.close();
      await server.drop();
    },
  };
}
