// One way to reach the config database: a pg pool when a URL is given, embedded PGlite otherwise.
import type { ConfigDatabase, DatabaseLocation } from './config-database.js';

// Each driver is loaded only when chosen: a CLI command on the embedded database never loads pg, and one on a server
// never loads PGlite.
export async function openDatabase(location: DatabaseLocation): Promise<ConfigDatabase> {
  if (location.url) {
    const { openPostgres } = await import('./postgres-config.js');
    return openPostgres(location.url, location.maxConnections ?? 5);
  }
  const { openPGlite } = await import('./pglite-config.js');
  return openPGlite(location.dataDir ?? 'memory://', location.template, location.lock);
}
