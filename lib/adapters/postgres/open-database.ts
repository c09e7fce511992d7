// One way to reach the config database: a pg pool when a URL is given, embedded PGlite otherwise.
import type { ConfigDatabase, DatabaseLocation } from './config-database.js';
import { openPGlite } from './pglite-config.js';
import { openPostgres } from './postgres-config.js';

export async function openDatabase(location: DatabaseLocation): Promise<ConfigDatabase> {
  if (location.url) return openPostgres(location.url, location.maxConnections ?? 5);
  return openPGlite(location.dataDir ?? 'memory://', location.template, location.lock);
}
