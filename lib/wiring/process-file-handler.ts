// Lambda entry point of the processing function: S3 ObjectCreated event → claimed, validated, submitted loads.
import { TransientError } from '../core/errors.js';
import type { S3Event } from '../core/events/s3-event.js';
import { readSettings } from '../core/settings/settings.js';
import type {
  ProcessDependencies,
  ProcessEventResult,
} from '../use-cases/process-file/process-dependencies.js';
import { processEvent } from '../use-cases/process-file/process-file.js';
import { buildDependencies } from './build-dependencies.js';
import { type InvocationContext, invocationDeadline, requestLog } from './invocation.js';

const defaultTimeoutMarginMs = 30_000;

/**
 * Dependencies are built once per container (the promise is kept; a failed build is retried on the next event).
 * The result lists every record's outcome. The handler throws only when a record failed transiently, after all
 * records ran, so Lambda delivers the event again; records that already ran are then duplicates and do nothing.
 */
export const makeHandler = (getDependencies: () => Promise<ProcessDependencies>) => {
  let dependencies: Promise<ProcessDependencies> | undefined;
  return async (event: S3Event, context?: InvocationContext): Promise<ProcessEventResult> => {
    dependencies ??= getDependencies().catch((error: unknown) => {
      dependencies = undefined;
      throw error;
    });
    const built = await dependencies;
    const margin = built.settings.timeoutMarginMs ?? defaultTimeoutMarginMs;
    const deadline = invocationDeadline(context, margin);
    const deps = {
      ...built,
      log: requestLog(built.log, context),
      ...(deadline && { deadline: deadline.signal }),
    };
    let outcome: ProcessEventResult;
    try {
      outcome = await processEvent(deps, event);
    } finally {
      deadline?.end();
    }
    const retry = outcome.results.filter((result) => result.retry === true);
    deps.log.info(
      { records: outcome.results.length, statuses: outcome.results.map((result) => result.status) },
      'event processed',
    );
    if (retry.length > 0) {
      throw new TransientError(
        `expected every record to finish, found ${retry.length} failed transiently: ` +
          retry.map((result) => `${result.key} (${result.error})`).join('; '),
      );
    }
    return outcome;
  };
};

/** The Lambda entry point: AWS dependencies from the environment, built on the first event. */
export const handler = makeHandler(() =>
  buildDependencies(readSettings(process.env, 'aws'), { mode: 'aws' }),
);
