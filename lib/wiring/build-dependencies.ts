// The composition root: builds every client and driver Ferry runs on, in AWS or local mode, once per container.
import type { LocalObjectStore } from '../adapters/local/local-object-store.js';
import type { LocalRedshiftWarehouse } from '../adapters/local/redshift/local-redshift-warehouse.js';
import { createLogger } from '../adapters/pino-logger.js';
import type { ConfigDatabase } from '../adapters/postgres/config-database.js';
import type { Settings } from '../core/settings/settings.js';
import type { Logger } from '../ports/logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { Notifier } from '../ports/notifier.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { Warehouse } from '../ports/warehouse.js';
import { awsNotifier, dataApiWarehouse, openAwsConfig, s3Store, secretsManager } from './aws-parts.js';
import type { Decorate, Dependencies, HandlerDependencies } from './dependencies.js';
import {
  type LocalHooks,
  type LocalPlaces,
  type LocalSettings,
  localStore,
  openLocalConfig,
  openStandIn,
  outboxNotifier,
  type StandInLimits,
} from './local-parts.js';
import { emfToStdout, localMetrics } from './metrics-parts.js';

/** Parts a caller supplies instead of the root building them (a database a test opened, a test double). */
export interface Provided {
  config?: ConfigDatabase;
  store?: ObjectStore;
  warehouse?: Warehouse;
  notifier?: Notifier;
  log?: Logger;
  now?: () => Date;
  metrics?: Metrics;
}

interface CommonOptions {
  /** Supplied parts are used as given and never closed by the root. */
  provide?: Provided;
}

export interface AwsOptions extends CommonOptions {
  mode: 'aws';
  decorate?: Decorate;
}

export interface LocalOptions extends CommonOptions {
  mode: 'local';
  places?: LocalPlaces;
  hooks?: LocalHooks;
  decorate?: Decorate<LocalBuilt>;
  standIn?: StandInLimits;
}

/** Local mode's parts as the root built them (absent when provided), before decoration. */
export interface LocalBuilt {
  store?: LocalObjectStore;
  warehouse?: LocalRedshiftWarehouse;
}

export type AwsDependencies = Dependencies<Settings>;
export type LocalDependencies<S extends LocalSettings = LocalSettings> = Dependencies<S, LocalBuilt>;

export function buildDependencies(settings: Settings, options: AwsOptions): Promise<AwsDependencies>;
export function buildDependencies<S extends LocalSettings>(
  settings: S,
  options: LocalOptions,
): Promise<LocalDependencies<S>>;
export async function buildDependencies(
  settings: Settings | LocalSettings,
  options: AwsOptions | LocalOptions,
): Promise<AwsDependencies | LocalDependencies> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const built =
      options.mode === 'aws'
        ? await awsParts(settings as Settings, options.provide ?? {}, closers)
        : await localParts(settings, options, closers);
    const deps: HandlerDependencies<LocalSettings> = {
      db: built.config.db,
      store: built.store,
      warehouse: built.warehouse,
      notifier: built.notifier,
      log: built.log,
      now: options.provide?.now ?? (() => new Date()),
      settings,
      ...(built.metrics && { metrics: built.metrics }),
    };
    Object.assign(deps, options.decorate?.(deps, built.local ?? {}));
    return { ...deps, config: built.config, built: built.local ?? {}, close };
  } catch (error) {
    await close();
    throw error;
  }
}

interface BuiltParts {
  config: ConfigDatabase;
  store: ObjectStore;
  warehouse: Warehouse;
  notifier: Notifier;
  log: Logger;
  metrics?: Metrics;
  local?: LocalBuilt;
}

async function awsParts(
  settings: Settings,
  provide: Provided,
  closers: Array<() => Promise<void>>,
): Promise<BuiltParts> {
  const store = provide.store ?? s3Store(settings);
  const region = settings.region;
  const log = provide.log ?? createLogger({ level: settings.logLevel });
  let config = provide.config;
  if (!config) {
    const opened = await openAwsConfig(settings, secretsManager({ region }));
    closers.push(() => opened.close());
    config = opened;
  }
  return {
    config,
    store,
    warehouse: provide.warehouse ?? dataApiWarehouse(settings.warehouse, { region }, log),
    notifier: provide.notifier ?? awsNotifier(settings),
    log,
    metrics: provide.metrics ?? emfToStdout(settings.metricsNamespace, log),
  };
}

async function localParts(
  settings: LocalSettings,
  options: LocalOptions,
  closers: Array<() => Promise<void>>,
): Promise<BuiltParts> {
  const provide = options.provide ?? {};
  const places = options.places ?? {};
  const hooks = options.hooks ?? {};
  const log = provide.log ?? createLogger({ level: 'info' });
  let config = provide.config;
  if (!config) {
    const opened = await openLocalConfig(places);
    closers.push(() => opened.close());
    config = opened;
  }
  const local: LocalBuilt = {};
  if (!provide.store) local.store = localStore(places, hooks);
  if (!provide.warehouse) {
    if (!local.store)
      throw new Error('expected the local store for the stand-in to read, found a provided store');
    const standIn = await openStandIn(places, hooks, settings, local.store, options.standIn);
    closers.push(() => standIn.close());
    local.warehouse = standIn;
  }
  return {
    config,
    store: provide.store ?? (local.store as LocalObjectStore),
    warehouse: provide.warehouse ?? (local.warehouse as LocalRedshiftWarehouse),
    notifier: provide.notifier ?? outboxNotifier(config, settings),
    log,
    ...optionalMetrics(provide.metrics ?? localMetrics(places, log)),
    local,
  };
}

function optionalMetrics(metrics: Metrics | undefined): { metrics?: Metrics } {
  return metrics ? { metrics } : {};
}
