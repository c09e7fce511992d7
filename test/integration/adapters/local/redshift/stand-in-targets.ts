// Opens the Redshift stand-in on PGlite and, when TEST_DATABASE_URL is set, on a throwaway server database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStore } from '../../../../../lib/adapters/local/local-object-store.js';
import {
  type LocalRedshiftOptions,
  LocalRedshiftWarehouse,
} from '../../../../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import { openWarehouseConnection } from '../../../../../lib/adapters/postgres/open-warehouse.js';
import type { WarehouseConnection } from '../../../../../lib/adapters/postgres/warehouse-connection.js';
import type { StatementStatusEvent } from '../../../../../lib/ports/status-events.js';
import type { StatementDescription, StatementResult } from '../../../../../lib/ports/warehouse.js';
import { createServerDatabase, serverUrl } from '../../../../support/databases.js';

export const BUCKET = 'ferry-test';

export interface StandIn {
  warehouse: LocalRedshiftWarehouse;
  /** The stand-in's own database connection, for a test to look at the tables beneath it. */
  connection: WarehouseConnection;
  store: LocalObjectStore;
  events: StatementStatusEvent[];
  /** Submits, waits for idle, describes. */
  run(sqls: string[], name?: string): Promise<StatementDescription>;
  query(sql: string): Promise<StatementResult>;
  close(): Promise<void>;
}

export interface StandInTarget {
  name: string;
  server: boolean;
  open(options?: StandInOptions): Promise<StandIn>;
}

/** The stand-in's own options a test may set. */
export type StandInOptions = Pick<LocalRedshiftOptions, 'fuseStagedLoads'>;

async function openStandIn(url?: string, options: StandInOptions = {}): Promise<StandIn> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-redshift-'));
  const store = new LocalObjectStore({ root, bucket: BUCKET });
  const connection = await openWarehouseConnection(url ? { url } : {});
  const events: StatementStatusEvent[] = [];
  const warehouse = new LocalRedshiftWarehouse({
    ...options,
    connection,
    store,
    bucket: BUCKET,
    onStatementEvent: async (event) => {
      events.push(event);
    },
  });
  const run = async (sqls: string[], name = 'ferry:test') => {
    const { id } = await warehouse.submit({ name, sqls, withEvent: true });
    await warehouse.drain();
    return warehouse.describe(id);
  };
  return {
    warehouse,
    connection,
    store,
    events,
    run,
    async query(sql) {
      const description = await run([sql]);
      if (description.status !== 'FINISHED') throw new Error(`${sql}: ${description.error}`);
      return warehouse.results(description.id);
    },
    async close() {
      await warehouse.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function serverTarget(url: string): StandInTarget {
  return {
    name: 'postgres',
    server: true,
    async open(options) {
      const database = await createServerDatabase(url);
      const standIn = await openStandIn(database.url, options);
      return {
        ...standIn,
        async close() {
          await standIn.close();
          await database.drop();
        },
      };
    },
  };
}

export const standInTargets: StandInTarget[] = [
  { name: 'pglite', server: false, open: (options) => openStandIn(undefined, options) },
  ...(serverUrl ? [serverTarget(serverUrl)] : []),
];
