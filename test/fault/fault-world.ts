// One Ferry world with every port wrapped in a fault injector: config DB, local bucket, the Redshift stand-in, the outbox.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalObjectStore } from '../../lib/adapters/local/local-object-store.js';
import type { LocalRedshiftWarehouse } from '../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import { createLogger } from '../../lib/adapters/pino-logger.js';
import type { ConfigDatabase, DatabaseLocation } from '../../lib/adapters/postgres/config-database.js';
import { applySqlDirectory, redshiftSqlDir, sampleConfigFile } from '../../lib/cli/local-runtime.js';
import { configDatabaseDir } from '../../lib/cli/workspace.js';
import { buildS3Event, type S3Event } from '../../lib/core/events/s3-event.js';
import type { Logger } from '../../lib/ports/logger.js';
import type { Notifier } from '../../lib/ports/notifier.js';
import type { StatementStatusEvent } from '../../lib/ports/status-events.js';
import type { StatementResult } from '../../lib/ports/warehouse.js';
import type { ProcessDependencies } from '../../lib/use-cases/process-file/process-dependencies.js';
import { buildDependencies } from '../../lib/wiring/build-dependencies.js';
import type { HandlerDependencies } from '../../lib/wiring/dependencies.js';
import { type LocalSettings, openLocalConfig, outboxNotifier } from '../../lib/wiring/local-parts.js';
import type { LocalRuntime } from '../../lib/wiring/local-runtime.js';
import { makeHandler as makeStatusHandler } from '../../lib/wiring/log-status-handler.js';
import { makeHandler as makeProcessHandler } from '../../lib/wiring/process-file-handler.js';
import { createServerDatabase, serverUrl } from '../support/databases.js';
import { FaultyDatabase } from '../support/faulty-database.js';
import { FaultyNotifier } from '../support/faulty-notifier.js';
import { FaultyObjectStore } from '../support/faulty-object-store.js';
import { type Cancellable, FaultyWarehouse } from '../support/faulty-warehouse.js';

export const worldTargets = serverUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
export type WorldTarget = (typeof worldTargets)[number];

export const bucket = 'ferry-faults';
/** Longer than any invocation may hold a claim: a redelivery this much later may take a dead claim over. */
export const staleClaimMs = 15 * 60 * 1000;

export const settings: LocalSettings = {
  inputPrefix: 'external_input/',
  processingPrefix: 'processing/',
  archivePrefix: 'archive/',
  minSizeBytes: 10,
  iamRole: 'arn:aws:iam::123456789012:role/ferry-copy',
  region: 'us-east-1',
  timezone: 'America/Chicago',
  customErrorMessage: 'Please contact the data team.',
  staleClaimMs,
  eventBusName: 'ferry-bus',
  // One immediate second try, so tests of a refused submission do not wait out the production pauses.
  submitRetryDelaysMs: [0],
};

export type HandlerOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface FaultWorld {
  readonly target: WorldTarget;
  readonly workspace: string;
  /** Environment the CLI needs to see this world's config database (DATABASE_URL on the server target). */
  readonly env: Record<string, string>;
  config: ConfigDatabase;
  readonly store: LocalObjectStore;
  readonly faultyStore: FaultyObjectStore;
  readonly standIn: LocalRedshiftWarehouse;
  readonly faultyWarehouse: FaultyWarehouse;
  readonly notifier: FaultyNotifier;
  faultyDb: FaultyDatabase;
  readonly deps: ProcessDependencies;
  readonly logs: Array<Record<string, unknown>>;
  /** Every status event the stand-in emitted, in order (swallowed ones too). */
  readonly statusEvents: StatementStatusEvent[];
  /** Status events whose handler threw (the platform would retry them). */
  readonly failedStatusEvents: StatementStatusEvent[];
  /** Shifts the functions' clock, e.g. past the stale-claim limit before a late redelivery. */
  advanceClock(ms: number): void;
  /** Every fault fired so far across the ports. */
  injected(): number;
  clearFaults(): void;
  upload(name: string, body: string | Buffer): Promise<S3Event>;
  /** Runs the processing handler; a thrown error (the platform's retry signal) is returned, not thrown. */
  deliver(
    event: S3Event,
  ): Promise<HandlerOutcome<Awaited<ReturnType<ReturnType<typeof makeProcessHandler>>>>>;
  deliverStatus(event: unknown): Promise<HandlerOutcome<unknown>>;
  /** Waits for the stand-in and every status handler it started. */
  idle(): Promise<void>;
  /** Redelivers the S3 event and every status event that reached the function (duplicates included), as retries do. */
  retry(event: S3Event): Promise<void>;
  query(sql: string): Promise<StatementResult>;
  /** A LocalRuntime-shaped view of this world, for the shared invariant helper. */
  runtime(): LocalRuntime;
  /** PGlite only: closes the config database so another process (the CLI) can open its directory, then reopens it. */
  withConfigClosed<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface WorldOptions {
  log?: Logger;
  /** Keep the PGlite config database in the workspace (for CLI commands); in memory otherwise. */
  persistConfig?: boolean;
}

export async function openFaultWorld(target: WorldTarget, options: WorldOptions = {}): Promise<FaultWorld> {
  const workspace = await mkdtemp(join(tmpdir(), `ferry-fault-${target}-`));
  const drops: Array<() => Promise<void>> = [];
  const env: Record<string, string> = {};
  let configLocation: DatabaseLocation;
  let warehouseUrl: string | undefined;
  if (target === 'postgres') {
    if (!serverUrl) throw new Error('expected TEST_DATABASE_URL for the postgres target, found none');
    const config = await createServerDatabase(serverUrl);
    const warehouse = await createServerDatabase(serverUrl);
    drops.push(config.drop, warehouse.drop);
    configLocation = { url: config.url };
    warehouseUrl = warehouse.url;
    env.DATABASE_URL = config.url;
  } else {
    configLocation = options.persistConfig ? { dataDir: configDatabaseDir(workspace) } : {};
  }
  // The world closes and reopens its config database around CLI commands (withConfigClosed), so it holds it itself.
  let config = await openLocalConfig({ config: configLocation });
  await config.runScript(await readFile(sampleConfigFile, 'utf8'));

  const logs: Array<Record<string, unknown>> = [];
  const log =
    options.log ??
    createLogger({ level: 'info', destination: { write: (line: string) => logs.push(JSON.parse(line)) } });

  const statusEvents: StatementStatusEvent[] = [];
  const failedStatusEvents: StatementStatusEvent[] = [];
  const pending = new Set<Promise<unknown>>();
  let statusHandler: ((event: unknown) => Promise<unknown>) | undefined;
  let processHandler: ReturnType<typeof makeProcessHandler> | undefined;
  const uploads = new Set<string>();
  let injectors: FaultInjectors | undefined;
  let skew = 0;

  const root = await buildDependencies(settings, {
    mode: 'local',
    places: {
      bucketDir: join(workspace, 'bucket'),
      bucket,
      warehouse: warehouseUrl ? { url: warehouseUrl } : {},
    },
    hooks: {
      // Split parts written into the input folder start their own runs, as S3 events would start them.
      onPut: (key, info) => {
        if (!key.startsWith(settings.inputPrefix) || uploads.delete(key) || !processHandler) return;
        const work = processHandler(buildS3Event({ bucket, key, size: info.size, etag: info.etag })).catch(
          () => undefined,
        );
        pending.add(work);
        void work.finally(() => pending.delete(work));
      },
      onStatementEvent: async (event) => {
        statusEvents.push(event);
        if (injectors?.warehouse.silenced.has(event.detail.statementId) || !statusHandler) return;
        const work = statusHandler(event).catch(() => {
          failedStatusEvents.push(event);
        });
        pending.add(work);
        void work.finally(() => pending.delete(work));
      },
    },
    provide: { config, log, now: () => new Date(Date.now() + skew) },
    // The functions get the faulty ports; the stand-in keeps reading the bucket as built, so store faults never reach COPY.
    decorate: (ports, built) => {
      injectors = faultInjectors(ports, built.warehouse);
      return {
        db: injectors.db.db,
        store: injectors.store,
        warehouse: injectors.warehouse,
        notifier: injectors.notifier,
      };
    },
  });
  const store = root.built.store as LocalObjectStore;
  const standIn = root.built.warehouse as LocalRedshiftWarehouse;
  if (!injectors) throw new Error('expected the root to decorate the ports with fault injectors, found none');
  const { store: faultyStore, warehouse: faultyWarehouse, notifier } = injectors;
  let faultyDb = injectors.db;
  await applySqlDirectory({ warehouse: standIn } as unknown as LocalRuntime, redshiftSqlDir);
  const deps: ProcessDependencies = root;
  processHandler = makeProcessHandler(async () => deps);
  statusHandler = makeStatusHandler(async () => deps);
  const settle = async <T>(work: Promise<T>): Promise<HandlerOutcome<T>> => {
    try {
      return { ok: true, value: await work };
    } catch (error) {
      return { ok: false, error };
    }
  };

  const idle = async (): Promise<void> => {
    do {
      await standIn.drain();
      await Promise.all([...pending]);
    } while (pending.size > 0);
    await standIn.drain();
    if (pending.size > 0) await idle();
  };

  const world: FaultWorld = {
    target,
    workspace,
    env,
    config,
    store,
    faultyStore,
    standIn,
    faultyWarehouse,
    notifier,
    faultyDb,
    deps,
    logs,
    statusEvents,
    failedStatusEvents,
    advanceClock(ms) {
      skew += ms;
    },
    injected() {
      return (
        faultyStore.faults.injected +
        faultyWarehouse.faults.injected +
        notifier.faults.injected +
        world.faultyDb.faults.injected
      );
    },
    clearFaults() {
      faultyStore.faults.clear();
      faultyWarehouse.faults.clear();
      notifier.faults.clear();
      world.faultyDb.clear();
    },
    async upload(name, body) {
      const key = `${settings.inputPrefix}${name}`;
      uploads.add(key);
      const info = await store.put(key, body);
      return buildS3Event({ bucket, key, size: info.size, etag: info.etag });
    },
    async deliver(event) {
      const outcome = await settle((processHandler as ReturnType<typeof makeProcessHandler>)(event));
      return outcome;
    },
    deliverStatus(event) {
      return settle((statusHandler as (event: unknown) => Promise<unknown>)(event));
    },
    idle,
    async retry(event) {
      await idle();
      await world.deliver(event);
      await idle();
      const events = statusEvents.filter((e) => !faultyWarehouse.silenced.has(e.detail.statementId));
      failedStatusEvents.length = 0;
      for (const statusEvent of events) await world.deliverStatus(statusEvent);
      await idle();
      // Events whose redelivery started more work (post-load SQL) are handled by then; their retries too.
      for (const statusEvent of [...failedStatusEvents]) await world.deliverStatus(statusEvent);
      await idle();
    },
    async query(text) {
      await idle();
      const { id } = await standIn.submit({ name: 'ferry-test-query', sqls: [text], withEvent: false });
      await standIn.drain();
      const description = await standIn.describe(id);
      if (description.status !== 'FINISHED') {
        throw new Error(`expected the query to finish, found ${description.status}: ${description.error}`);
      }
      return standIn.results(id);
    },
    runtime() {
      return {
        settings: { ...settings } as unknown as LocalRuntime['settings'],
        config: world.config,
        store,
        warehouse: standIn,
        log,
        putFile: () => Promise.reject(new Error('not available in a fault world')),
        deliver: (event: unknown) =>
          (processHandler as ReturnType<typeof makeProcessHandler>)(event as S3Event),
        deliverStatus: (event: unknown) => (statusHandler as (e: unknown) => Promise<never>)(event),
        idle,
        close: () => world.close(),
      } as unknown as LocalRuntime;
    },
    async withConfigClosed(work) {
      if (target !== 'pglite') return work();
      await idle();
      await world.config.close();
      try {
        return await work();
      } finally {
        config = await openLocalConfig({ config: configLocation });
        world.config = config;
        world.faultyDb = faultyDb = new FaultyDatabase(config.db);
        deps.db = faultyDb.db;
        (notifier as unknown as { inner: Notifier }).inner = outboxNotifier(config, settings);
      }
    },
    async close() {
      await idle();
      await root.close();
      await world.config.close();
      for (const drop of drops) await drop();
      await rm(workspace, { recursive: true, force: true });
    },
  };
  return world;
}

/** The ports the functions are given, each wrapped in its fault injector; the stand-in as built, which can cancel. */
function faultInjectors(ports: HandlerDependencies, standIn: Cancellable | undefined) {
  if (!standIn) throw new Error('expected the root to build the stand-in, found a provided warehouse');
  return {
    db: new FaultyDatabase(ports.db),
    store: new FaultyObjectStore(ports.store),
    warehouse: new FaultyWarehouse(standIn),
    notifier: new FaultyNotifier(ports.notifier),
  };
}

type FaultInjectors = ReturnType<typeof faultInjectors>;
