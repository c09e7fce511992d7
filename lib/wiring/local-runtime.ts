// Local mode: the same handlers and core, wired to a directory bucket, the Redshift stand-in and the outbox.
import { basename, join } from 'node:path';
import pino from 'pino';
import type { LocalObjectStore } from '../adapters/local/local-object-store.js';
import { metricsFile } from '../adapters/local/metrics-file.js';
import type { LocalRedshiftWarehouse } from '../adapters/local/redshift/local-redshift-warehouse.js';
import { createLogger } from '../adapters/pino-logger.js';
import type { ConfigDatabase } from '../adapters/postgres/config-database.js';
import type { LockOptions } from '../adapters/postgres/data-dir-lock.js';
import { errorMessage } from '../core/errors.js';
import { buildS3Event, type S3Event } from '../core/events/s3-event.js';
import { type Environment, readSettings, type Settings } from '../core/settings/settings.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectInfo } from '../ports/object-store.js';
import type { StatementStatusEvent } from '../ports/status-events.js';
import type { Run } from '../records/run.js';
import type { StatusDependencies, StatusOutcome } from '../use-cases/log-status/status-dependencies.js';
import type {
  ProcessDependencies,
  ProcessEventResult,
  RecordResult,
} from '../use-cases/process-file/process-dependencies.js';
import { releaseHeld, releaseNextInLine } from '../use-cases/process-file/release-held.js';
import { reconcile } from '../use-cases/reconcile/reconcile.js';
import type { ReconcileReport, ResumeOutcome } from '../use-cases/reconcile/reconcile-dependencies.js';
import { resumeRun } from '../use-cases/reconcile/resume-run.js';
import { buildDependencies, type LocalBuilt, type LocalDependencies } from './build-dependencies.js';
import type { Decorate } from './dependencies.js';
import type { InvocationContext } from './invocation.js';
import { LocalEventQueue } from './local-event-queue.js';
import { localBucket } from './local-parts.js';
import { makeHandler as makeStatusHandler } from './log-status-handler.js';
import { makeHandler as makeProcessHandler } from './process-file-handler.js';

export { localBucket };

export interface LocalRuntime {
  readonly settings: Settings;
  readonly config: ConfigDatabase;
  readonly store: LocalObjectStore;
  readonly warehouse: LocalRedshiftWarehouse;
  readonly log: Logger;
  /** The most invocations that ran at once: process-file for uploads, log-status for status events. */
  peakInvocations(): { processFile: number; logStatus: number };
  /** Streams a local file into the input folder; the pipeline starts the way an S3 event would start it. */
  putFile(path: string, name?: string): Promise<string>;
  /** What the processing function made of the last object put under this key (once `idle` resolves). */
  processed(key: string): RecordResult | undefined;
  /**
   * Runs the processing function on an S3 event (e.g. for a file copied into the bucket folder by hand), optionally
   * with a Lambda-like context (request id, remaining time).
   */
  deliver(event: unknown, context?: InvocationContext): Promise<ProcessEventResult>;
  /** Runs the status function on a Data API status event (e.g. a synthetic one that resumes a stuck run). */
  deliverStatus(event: unknown): Promise<StatusOutcome>;
  /** One reconciler pass, as the scheduled function runs it in AWS. */
  reconcile(): Promise<ReconcileReport>;
  /** Finishes one run from its statement's description (`ferry reprocess --resume`), as the reconciler does. */
  resume(run: Run, principal: string): Promise<ResumeOutcome>;
  /** Lets a held file go now, its sequence gap ignored (`ferry release`). */
  release(run: Run): Promise<RecordResult>;
  /** Resolves once every file, statement and status event in flight has been handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface LocalRuntimeOptions {
  workspace: string;
  env: Environment;
  log?: Logger;
  /** Start the pipeline when an object lands in the input folder (off for commands that only read). */
  pipeline?: boolean;
  /** Reports how far each file has been read (the CLI's progress line). */
  onProgress?: ProcessDependencies['onProgress'];
  /** Embedded databases: how to wait while another process holds the workspace. */
  lock?: LockOptions;
  /** Wraps the ports the functions are given (fault injection, recording); `store` and `warehouse` stay as built. */
  decorate?: Decorate<LocalBuilt>;
  /** How far a burst of uploads may reach at once (defaults: `defaultLocalBounds`). */
  bounds?: Partial<LocalBounds>;
}

/** The local counterparts of what bounds a burst in AWS (serverless.yml's params of the same meaning). */
export interface LocalBounds {
  /** process-file invocations at once: the event source mapping's MaximumConcurrency (processFileMaxConcurrency). */
  maxConcurrency: number;
  /** Deliveries of one upload's event before it is given up (processFileMaxReceiveCount). */
  maxReceiveCount: number;
  /** The pause before a failed event is delivered again (in AWS the queue's 90-minute visibility timeout). */
  redeliveryMs: number;
  /** Config database connections (a pool on a PostgreSQL server; PGlite is one connection). */
  configConnections: number;
  /** Statements SUBMITTED or STARTED in the stand-in before it refuses more, as the Data API does per cluster. */
  maxActiveStatements: number;
  /**
   * log-status invocations at once (logStatusConcurrency). A failed status event is tried 3 times in all, as
   * Lambda's asynchronous retries (maximumRetryAttempts 2) do.
   */
  statusConcurrency: number;
}

export const defaultLocalBounds: LocalBounds = {
  maxConcurrency: 10,
  maxReceiveCount: 3,
  redeliveryMs: 1000,
  configConnections: 5,
  maxActiveStatements: 100,
  statusConcurrency: 10,
};

/** One status event delivery and Lambda's two asynchronous retries (serverless.yml, logStatus.maximumRetryAttempts). */
const statusDeliveries = 3;

export function configLocation(
  workspace: string,
  env: Environment,
  lock?: LockOptions,
  maxConnections = defaultLocalBounds.configConnections,
) {
  return env.DATABASE_URL
    ? { url: env.DATABASE_URL, maxConnections }
    : { dataDir: join(workspace, 'config-db'), lock };
}

export async function openLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const settings = readSettings(options.env, 'local');
  const log =
    options.log ??
    createLogger({ level: settings.logLevel, destination: pino.destination({ dest: 2, sync: true }) });

  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>, what: string) => {
    const tracked = work.catch((error: unknown) =>
      log.error({ err: error, what }, 'local pipeline step failed'),
    );
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };

  const bounds = { ...defaultLocalBounds, ...options.bounds };
  let processFile: ReturnType<typeof makeProcessHandler> | undefined;
  let recordStatus: ReturnType<typeof makeStatusHandler> | undefined;
  const results = new Map<string, RecordResult>();
  // Uploads reach process-file the way S3 notifications do through the queue in AWS: bounded, and redelivered.
  const queue = new LocalEventQueue<{ key: string; event: S3Event }>({
    maxConcurrency: bounds.maxConcurrency,
    maxReceiveCount: bounds.maxReceiveCount,
    redeliveryMs: bounds.redeliveryMs,
    invoke: async ({ key, event }) => {
      try {
        const outcome = await (processFile as NonNullable<typeof processFile>)(event);
        for (const result of outcome.results) results.set(result.key, result);
      } catch (error) {
        log.warn({ key, err: error }, 'file event failed');
        throw error;
      }
    },
    onDeadLetter: ({ key }, error) => {
      log.error(
        { key, err: error, deliveries: bounds.maxReceiveCount },
        'file event given up after its deliveries',
      );
      results.set(key, { key, status: 'failed', error: errorMessage(error), retry: true });
    },
  });
  // Status events reach log-status as EventBridge's asynchronous invocations do: bounded, and retried.
  const statusQueue = new LocalEventQueue<StatementStatusEvent>({
    maxConcurrency: bounds.statusConcurrency,
    maxReceiveCount: statusDeliveries,
    redeliveryMs: bounds.redeliveryMs,
    invoke: async (event) => {
      try {
        await (recordStatus as NonNullable<typeof recordStatus>)(event);
      } catch (error) {
        log.warn({ statementId: event.detail.statementId, err: error }, 'status event failed');
        throw error;
      }
      // A load that closed a feed's sequence gap lets the held file after it go at once (in AWS: the next
      // reconciler pass). Its failure is logged: the held file waits for the next event or pass.
      track(releaseNextInLine(deps), 'release held files');
    },
    onDeadLetter: (event, error) =>
      log.error(
        { statementId: event.detail.statementId, err: error, deliveries: statusDeliveries },
        'status event given up after its deliveries',
      ),
  });
  const onPut = (key: string, info: ObjectInfo) => {
    if (!processFile || !key.startsWith(settings.inputPrefix)) return;
    const event = buildS3Event({
      bucket: localBucket,
      key,
      size: info.size,
      etag: info.etag,
      region: settings.region,
    });
    results.delete(key);
    void queue.send({ key, event });
  };
  const root: LocalDependencies<Settings> = await buildDependencies(settings, {
    mode: 'local',
    places: {
      bucketDir: join(options.workspace, 'bucket'),
      bucket: localBucket,
      historyDir: join(options.workspace, 'statements'),
      config: configLocation(options.workspace, options.env, options.lock, bounds.configConnections),
      warehouse: options.env.WAREHOUSE_URL
        ? { url: options.env.WAREHOUSE_URL }
        : { dataDir: join(options.workspace, 'warehouse-db'), lock: options.lock },
      metrics: { file: metricsFile(options.workspace), namespace: settings.metricsNamespace },
    },
    hooks: {
      onPut,
      onStatementEvent: async (event) => {
        if (recordStatus) await statusQueue.send(event);
      },
      onEventError: (error) => log.error({ err: error }, 'status event failed'),
    },
    standIn: { maxActiveStatements: bounds.maxActiveStatements },
    provide: { log },
    ...(options.decorate && { decorate: options.decorate }),
  });
  // The runtime drains and closes the parts as built; the functions get them as decorated.
  const store = root.built.store as LocalObjectStore;
  const warehouse = root.built.warehouse as LocalRedshiftWarehouse;
  const deps: ProcessDependencies & StatusDependencies & { settings: Settings } = {
    ...root,
    ...(options.onProgress && { onProgress: options.onProgress }),
  };
  if (options.pipeline !== false) {
    processFile = makeProcessHandler(async () => deps);
    recordStatus = makeStatusHandler(async () => deps);
  }

  // Statements start pipeline steps and steps submit statements, so wait on both until neither has work.
  const idle = async () => {
    do {
      await queue.idle();
      await Promise.all([...pending]);
      await warehouse.drain();
    } while (pending.size > 0 || queue.busy);
  };

  return {
    settings,
    config: root.config,
    store,
    warehouse,
    log,
    peakInvocations: () => ({
      processFile: queue.peakInvocations,
      logStatus: statusQueue.peakInvocations,
    }),
    async putFile(path, name = basename(path)) {
      const key = `${settings.inputPrefix}${name}`;
      await store.putFile(key, path);
      return key;
    },
    processed: (key) => results.get(key),
    deliver(event, context) {
      const work = makeProcessHandler(async () => deps)(event as S3Event, context);
      track(work, 'deliver');
      return work;
    },
    deliverStatus(event) {
      const work = makeStatusHandler(async () => deps)(event);
      track(work, 'deliver status');
      return work;
    },
    reconcile() {
      const work = reconcile(deps);
      track(work, 'reconcile');
      return work;
    },
    resume(run, principal) {
      const work = resumeRun(deps, run, principal);
      track(work, 'resume');
      return work;
    },
    release(run) {
      const work = releaseHeld(deps, run, 'person');
      track(work, 'release');
      return work;
    },
    idle,
    async close() {
      await idle();
      await root.close();
    },
  };
}
