// Opens the stand-in's database: embedded PGlite by default, or a PostgreSQL server (WAREHOUSE_URL). Each driver
// is loaded only when used.
import type { WarehouseConnection, WarehouseLocation } from './warehouse-connection.js';

export async function openWarehouseConnection(
  location: WarehouseLocation = {},
): Promise<WarehouseConnection> {
  if (location.url) {
    const { openPostgresWarehouse } = await import('./postgres-warehouse.js');
    return openPostgresWarehouse(location.url, location.maxConnections ?? 4);
  }
  const { openPGliteWarehouse } = await import('./pglite-warehouse.js');
  return openPGliteWarehouse(location.dataDir ?? 'memory://', location.lock);
}
