// Throwaway databases on the PostgreSQL server for the load benchmarks (created and dropped by name).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `ferry_bench_<random>` and returns its URL. */
export async function createBenchDatabase(serverUrl: string): Promise<string> {
  const name = `ferry_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropBenchDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^ferry_bench_[0-9a-f]{16}$/.test(name)) throw new Error(`expected a bench database, found ${name}`);
  await admin(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}
