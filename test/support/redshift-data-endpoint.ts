// The Data API endpoint in front of the real Redshift stand-in, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { type DataApiServer, startDataApiServer } from '../../lib/adapters/local/data-api/data-api-server.js';
import { LocalObjectStore } from '../../lib/adapters/local/local-object-store.js';
import { LocalRedshiftWarehouse } from '../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import { openWarehouseConnection } from '../../lib/adapters/postgres/open-warehouse.js';
import type { StatementStatusEvent } from '../../lib/ports/status-events.js';
import { createServerDatabase, serverUrl } from './databases.js';
import { delegatingStore } from './delegating-store.js';

export const endpointBucket = 'ferry-endpoint';

export interface EndpointFixture {
  server: DataApiServer;
  standIn: LocalRedshiftWarehouse;
  store: LocalObjectStore;
  events: StatementStatusEvent[];
  /** Until the returned function is called, reading objects (so any COPY) waits: statements stay STARTED. */
  holdObjectReads(): () => void;
  close(): Promise<void>;
}

export interface EndpointTarget {
  name: string;
  open(options: { resultPageRows?: number }): Promise<EndpointFixture>;
}

/** A client as Ferry's AWS mode builds one, pointed at the endpoint; dummy credentials are signed but not checked. */
export function dataClient(endpoint: string): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
}

async function openEndpoint(url: string | undefined, resultPageRows?: number): Promise<EndpointFixture> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-data-api-'));
  const store = new LocalObjectStore({ root, bucket: endpointBucket });
  let reads: Promise<void> = Promise.resolve();
  const heldStore = delegatingStore(store, {
    get: async (key) => {
      await reads;
      return store.get(key);
    },
  });
  const events: StatementStatusEvent[] = [];
  const standIn = new LocalRedshiftWarehouse({
    connection: await openWarehouseConnection(url ? { url } : {}),
    store: heldStore,
    bucket: endpointBucket,
    onStatementEvent: async (event) => {
      events.push(event);
    },
  });
  const server = await startDataApiServer({
    backend: standIn,
    ...(resultPageRows ? { resultPageRows } : {}),
  });
  return {
    server,
    standIn,
    store,
    events,
    holdObjectReads() {
      let release = () => {};
      reads = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    async close() {
      await server.close();
      await standIn.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function serverTarget(url: string): EndpointTarget {
  return {
    name: 'postgres',
    async open({ resultPageRows }) {
      const database = await createServerDatabase(url);
      const fixture = await openEndpoint(database.url, resultPageRows);
      return {
        ...fixture,
        async close() {
          await fixture.close();
          await database.drop();
        },
      };
    },
  };
}

export const endpointTargets: EndpointTarget[] = [
  { name: 'pglite', open: ({ resultPageRows }) => openEndpoint(undefined, resultPageRows) },
  ...(serverUrl ? [serverTarget(serverUrl)] : []),
];
