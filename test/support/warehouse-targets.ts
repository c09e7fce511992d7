// The stand-in's database connection on embedded PGlite and, when TEST_DATABASE_URL is set, on a fresh server database.
import { openWarehouseConnection } from '../../lib/adapters/postgres/open-warehouse.js';
import type { WarehouseConnection } from '../../lib/adapters/postgres/warehouse-connection.js';
import { createServerDatabase, serverUrl } from './databases.js';

export interface WarehouseTarget {
  name: 'pglite' | 'postgres';
  /** A connection to a new, empty database; `close` closes and drops it. */
  open(): Promise<{ connection: WarehouseConnection; close(): Promise<void> }>;
}

function serverTarget(url: string): WarehouseTarget {
  return { name: 'postgres', open: () => openServer(url) };
}

async function openServer(url: string) {
  const server = await createServerDatabase(url);
  const connection = await openWarehouseConnection({ url: server.url });
  return {
    connection,
    async close() {
      await connection.close();
      await server.drop();
    },
  };
}

async function openPGlite() {
  const connection = await openWarehouseConnection({ dataDir: 'memory://' });
  return { connection, close: () => connection.close() };
}

export const warehouseTargets: WarehouseTarget[] = [
  { name: 'pglite', open: openPGlite },
  ...(serverUrl ? [serverTarget(serverUrl)] : []),
];
