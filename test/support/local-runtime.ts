// A local-mode runtime for end-to-end tests: temp workspace, sql/redshift applied, the sample config inserted.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../lib/adapters/pino-logger.js';
import { applySqlDirectory, redshiftSqlDir, sampleConfigFile } from '../../lib/cli/local-runtime.js';
import type { StatementResult } from '../../lib/ports/warehouse.js';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  openLocalRuntime,
} from '../../lib/wiring/local-runtime.js';
import { createServerDatabase, serverUrl } from './databases.js';

export const runtimeTargetNames = ['pglite', 'postgres'] as const;
export type RuntimeTarget = (typeof runtimeTargetNames)[number];

/** Always PGlite; PostgreSQL only when TEST_DATABASE_URL names a server. */
export const runtimeTargets: RuntimeTarget[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];

/** The zone archive keys and audit times are written in: not UTC, so a zone mix-up shows. */
export const testTimezone = 'America/Chicago';

export interface TestRuntime extends LocalRuntime {
  readonly target: RuntimeTarget;
  readonly workspace: string;
  /** Every log line the pipeline wrote at warn or above, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** Runs one SQL statement on the warehouse (the stand-in) and returns its rows. */
  query(sql: string): Promise<StatementResult>;
}

export interface TestRuntimeOptions {
  /** Extra environment (e.g. FERRY_TIMEZONE); the database locations are the target's. */
  env?: Record<string, string>;
  /** Insert sql/config/sample-config.sql (default true). */
  sampleConfig?: boolean;
  /** How far a burst may reach (process-file invocations, config connections, stand-in statements). */
  bounds?: LocalRuntimeOptions['bounds'];
  /** Wraps the ports the functions are given (a fixed clock, a captured metrics stream, a counting warehouse). */
  decorate?: LocalRuntimeOptions['decorate'];
}

/**
 * For 'postgres' the config database and the warehouse are two throwaway server databases, as Ferry keeps them
 * apart in production too; `close()` drops both and removes the workspace.
 */
export async function openTestRuntime(
  target: RuntimeTarget,
  options: TestRuntimeOptions = {},
): Promise<TestRuntime> {
  const workspace = await mkdtemp(join(tmpdir(), `ferry-e2e-${target}-`));
  const servers: Array<{ url: string; drop(): Promise<void> }> = [];
  const cleanUp = async () => {
    for (const server of servers) await server.drop();
    await rm(workspace, { recursive: true, force: true });
  };
  try {
    const env: Record<string, string> = { FERRY_TIMEZONE: testTimezone, ...options.env };
    if (target === 'postgres') {
      if (!serverUrl) throw new Error('expected TEST_DATABASE_URL for the postgres target, found none');
      const config = await createServerDatabase(serverUrl);
      servers.push(config);
      const warehouse = await createServerDatabase(serverUrl);
      servers.push(warehouse);
      env.DATABASE_URL = config.url;
      env.WAREHOUSE_URL = warehouse.url;
    }
    const logs: Array<Record<string, unknown>> = [];
    const log = createLogger({
      level: 'warn',
      destination: { write: (line: string) => logs.push(JSON.parse(line)) },
    });
    const runtime = await openLocalRuntime({
      workspace,
      env,
      log,
      ...(options.bounds && { bounds: options.bounds }),
      ...(options.decorate && { decorate: options.decorate }),
    });
    try {
      await applySqlDirectory(runtime, redshiftSqlDir);
      if (options.sampleConfig !== false) {
        await runtime.config.runScript(await readFile(sampleConfigFile, 'utf8'));
      }
    } catch (error) {
      await runtime.close();
      throw error;
    }
    return {
      ...runtime,
      target,
      workspace,
      logs,
      query: (sql: string) => queryAfterDrain(runtime, sql),
      async close() {
        try {
          await runtime.close();
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Waits on the stand-in's own idle signal instead of polling DescribeStatement. */
async function queryAfterDrain(runtime: LocalRuntime, sql: string): Promise<StatementResult> {
  const { warehouse } = runtime;
  const { id } = await warehouse.submit({ name: 'ferry-test-query', sqls: [sql], withEvent: false });
  await warehouse.drain();
  const description = await warehouse.describe(id);
  if (description.status !== 'FINISHED') {
    throw new Error(`expected the query to finish, found ${description.status}: ${description.error}`);
  }
  return warehouse.results(id);
}

/** Every key in the runtime's bucket under `prefix`, sorted. */
export async function bucketKeys(runtime: LocalRuntime, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of runtime.store.list(prefix)) keys.push(object.key);
  return keys.sort();
}

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** `yyyy-MM-dd-HH-mm-ss` as a wall clock in `timezone` reads at `at` (Swedish dates are ISO-shaped). */
export function wallClockStamp(at: Date, timezone = testTimezone): string {
  let format = stampFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    stampFormats.set(timezone, format);
  }
  return format.format(at).replace(/[ :]/g, '-');
}

/** An audit wall-clock text (`2026-11-21 14:08:13.151`) cut to the archive suffix's seconds. */
export function stampOfWallText(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!match) throw new Error(`expected a wall-clock time, found ${JSON.stringify(text)}`);
  return `${match[1]}-${match[2]}-${match[3]}-${match[4]}`;
}

/** A zone-less timestamp text read as UTC milliseconds, so `…13.53` and `…13.530` compare equal. */
export function timestampMillis(text: unknown): number {
  if (typeof text !== 'string') throw new Error(`expected a timestamp text, found ${JSON.stringify(text)}`);
  const millis = Date.parse(`${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(millis)) throw new Error(`expected a timestamp text, found ${JSON.stringify(text)}`);
  return millis;
}
