// Local mode's parts: a directory bucket, the Redshift stand-in on its own database, the outbox as notifier.
import { LocalObjectStore, type LocalObjectStoreOptions } from '../adapters/local/local-object-store.js';
import { OutboxNotifier } from '../adapters/local/outbox-notifier.js';
import {
  type LocalRedshiftOptions,
  LocalRedshiftWarehouse,
} from '../adapters/local/redshift/local-redshift-warehouse.js';
import type { ConfigDatabase, DatabaseLocation } from '../adapters/postgres/config-database.js';
import { openDatabase } from '../adapters/postgres/open-database.js';
import { openWarehouseConnection } from '../adapters/postgres/open-warehouse.js';
import type { WarehouseLocation } from '../adapters/postgres/warehouse-connection.js';
import { migrateToLatest } from '../records/migrate.js';
import type { HandlerSettings } from './dependencies.js';

export const localBucket = 'ferry-local';

export type LocalSettings = HandlerSettings & { region?: string; eventBusName?: string };

/** Where local mode keeps each part; a place is needed only for a part the caller does not provide. */
export interface LocalPlaces {
  /** The directory standing in for the bucket. */
  bucketDir?: string;
  /** The bucket's name in events and COPY paths (default `ferry-local`). */
  bucket?: string;
  /** Where the stand-in writes its statement history (none: not kept). */
  historyDir?: string;
  /** The config database (default: PGlite in memory). */
  config?: DatabaseLocation;
  /** The stand-in's own database (default: PGlite in memory). */
  warehouse?: WarehouseLocation;
  /** The same EMF records as in Lambda, appended to this file (`ferry stats` reads it); none: not recorded. */
  metrics?: { file: string; namespace: string };
}

/** How the local parts start the functions, as S3 and EventBridge would. */
export interface LocalHooks {
  onPut?: LocalObjectStoreOptions['onPut'];
  onStatementEvent?: LocalRedshiftOptions['onStatementEvent'];
  onEventError?: LocalRedshiftOptions['onEventError'];
}

/** The config database, opened and migrated to the latest schema. */
export async function openLocalConfig(places: LocalPlaces): Promise<ConfigDatabase> {
  const config = await openDatabase(places.config ?? {});
  try {
    await migrateToLatest(config.db);
    return config;
  } catch (error) {
    await config.close();
    throw error;
  }
}

export function localStore(places: LocalPlaces, hooks: LocalHooks): LocalObjectStore {
  if (!places.bucketDir) throw new Error('expected a bucket directory for the local store, found none');
  return new LocalObjectStore({
    root: places.bucketDir,
    bucket: places.bucket ?? localBucket,
    ...(hooks.onPut && { onPut: hooks.onPut }),
  });
}

/** What the stand-in holds at once, as the Data API limits a cluster. */
export interface StandInLimits {
  maxActiveStatements?: number;
}

/** The stand-in, set up: it reads COPY sources from the local bucket itself (the store as built, undecorated). */
export async function openStandIn(
  places: LocalPlaces,
  hooks: LocalHooks,
  settings: LocalSettings,
  store: LocalObjectStore,
  limits: StandInLimits = {},
): Promise<LocalRedshiftWarehouse> {
  const connection = await openWarehouseConnection(places.warehouse ?? {});
  const warehouse = new LocalRedshiftWarehouse({
    connection,
    store,
    bucket: places.bucket ?? localBucket,
    region: settings.region,
    ...(places.historyDir && { historyDir: places.historyDir }),
    ...(hooks.onStatementEvent && { onStatementEvent: hooks.onStatementEvent }),
    ...(hooks.onEventError && { onEventError: hooks.onEventError }),
    ...(limits.maxActiveStatements !== undefined && { maxActiveStatements: limits.maxActiveStatements }),
  });
  try {
    await warehouse.setUp();
    return warehouse;
  } catch (error) {
    await warehouse.close();
    throw error;
  }
}

export const outboxNotifier = (config: ConfigDatabase, settings: LocalSettings) =>
  new OutboxNotifier(config.db, settings.eventBusName);
