// The pipeline a command drives: the local runtime, or with `--aws` the same core in-process on AWS dependencies.
import type { Kysely } from 'kysely';
import { errorMessage } from '../core/errors.js';
import { buildS3Event } from '../core/events/s3-event.js';
import { readSettings, type Settings } from '../core/settings/settings.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { StatementStatusEvent } from '../ports/status-events.js';
import type { Warehouse } from '../ports/warehouse.js';
import type { Run } from '../records/run.js';
import type { Database } from '../records/tables.js';
import { recordStatus } from '../use-cases/log-status/record-status.js';
import type { StatusOutcome } from '../use-cases/log-status/status-dependencies.js';
import type { ProcessDependencies, RecordResult } from '../use-cases/process-file/process-dependencies.js';
import { processEvent } from '../use-cases/process-file/process-file.js';
import { releaseHeld } from '../use-cases/process-file/release-held.js';
import { reconcile } from '../use-cases/reconcile/reconcile.js';
import type { ReconcileReport, ResumeOutcome } from '../use-cases/reconcile/reconcile-dependencies.js';
import { resumeRun } from '../use-cases/reconcile/resume-run.js';
import type { CliContext } from './workspace.js';

export interface PipelineTarget {
  readonly mode: 'local' | 'aws';
  readonly store: ObjectStore;
  readonly db: Kysely<Database>;
  readonly warehouse: Warehouse;
  readonly settings: Settings;
  /** Runs the processing function on one object, with the S3 event its creation would have sent. */
  processKey(key: string): Promise<RecordResult>;
  /** Runs the status function on a Data API status event. */
  deliverStatus(event: StatementStatusEvent): Promise<StatusOutcome>;
  /** One reconciler pass: every overdue run finished from its statement's description. */
  reconcile(): Promise<ReconcileReport>;
  /** Finishes one run from its statement's description, exactly as the reconciler does. */
  resume(run: Run, principal: string): Promise<ResumeOutcome>;
  /** Lets a held file go now, its sequence gap ignored. */
  release(run: Run): Promise<RecordResult>;
  /** Local: until every statement and status event in flight is handled. AWS: EventBridge takes over, nothing to wait for. */
  idle(): Promise<void>;
}

export interface PipelineOptions {
  aws?: boolean;
  onProgress?: ProcessDependencies['onProgress'];
}

export async function withPipelineTarget<T>(
  context: CliContext,
  options: PipelineOptions,
  work: (target: PipelineTarget) => Promise<T>,
): Promise<T> {
  if (options.aws) return withAwsTarget(context, options, work);
  const { withLocalRuntime } = await import('./local-runtime.js');
  return withLocalRuntime(
    context,
    (runtime) => {
      const deliver = async (event: unknown): Promise<RecordResult> => {
        try {
          const outcome = await runtime.deliver(event);
          return outcome.results[0] ?? { key: '', status: 'skipped', error: 'no record' };
        } catch (error) {
          // The handler throws after the record ran when it failed transiently (so Lambda would retry it).
          return { key: '', status: 'failed', error: errorMessage(error), retry: true };
        }
      };
      return work({
        mode: 'local',
        store: runtime.store,
        db: runtime.config.db,
        warehouse: runtime.warehouse,
        settings: runtime.settings,
        processKey: (key) => processKey(runtime.store, runtime.settings, key, deliver),
        deliverStatus: (event) => runtime.deliverStatus(event),
        reconcile: () => runtime.reconcile(),
        resume: (run, principal) => runtime.resume(run, principal),
        release: (run) => runtime.release(run),
        idle: () => runtime.idle(),
      });
    },
    options.onProgress ? { onProgress: options.onProgress } : {},
  );
}

async function withAwsTarget<T>(
  context: CliContext,
  options: PipelineOptions,
  work: (target: PipelineTarget) => Promise<T>,
): Promise<T> {
  const settings = readSettings(context.env, 'aws');
  const [{ buildDependencies }, { cliLogger }] = await Promise.all([
    import('../wiring/build-dependencies.js'),
    import('./cli-log.js'),
  ]);
  // The functions' own log writes JSON to stdout; here stdout carries the command's results.
  const deps = await buildDependencies(settings, {
    mode: 'aws',
    decorate: () => ({
      log: cliLogger({ env: context.env, verbose: context.verbose, output: context.output }),
    }),
  });
  const withProgress = options.onProgress ? { ...deps, onProgress: options.onProgress } : deps;
  try {
    return await work({
      mode: 'aws',
      store: deps.store,
      db: deps.db,
      warehouse: deps.warehouse,
      settings,
      processKey: (key) =>
        processKey(deps.store, settings, key, async (event) => {
          const outcome = await processEvent(withProgress, event);
          return outcome.results[0] ?? { key, status: 'skipped', error: 'no record' };
        }),
      deliverStatus: (event) => recordStatus(deps, event),
      reconcile: () => reconcile(deps),
      resume: (run, principal) => resumeRun(deps, run, principal),
      release: (run) => releaseHeld(withProgress, run, 'person'),
      idle: async () => {},
    });
  } finally {
    await deps.close();
  }
}

/** Heads the object (its ETag identifies the run) and delivers the event S3 would send for it. */
async function processKey(
  store: ObjectStore,
  settings: Settings,
  key: string,
  deliver: (event: unknown) => Promise<RecordResult>,
): Promise<RecordResult> {
  const info = await store.head(key);
  if (info === undefined)
    return { key, status: 'skipped', error: 'expected the object to exist, found none' };
  const event = buildS3Event({
    bucket: store.bucket,
    key,
    size: info.size,
    etag: info.etag,
    region: settings.region,
  });
  const result = await deliver(event);
  return { ...result, key };
}
