// Lambda entry point of the processing function: S3 notifications (direct, or in SQS messages) → submitted loads.
import { TransientError } from '../core/errors.js';
import { readFileEvents, type SqsEvent } from '../core/events/file-events.js';
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

/** The partial batch response of an SQS event source mapping with ReportBatchItemFailures. */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface ProcessFileHandler {
  /** An SQS event: the messages to deliver again (their files failed transiently); the rest are done. */
  (event: SqsEvent, context?: InvocationContext): Promise<BatchResponse>;
  /** A direct S3 event: every record's outcome; throws when one failed transiently, so the event comes again. */
  (event: S3Event, context?: InvocationContext): Promise<ProcessEventResult>;
}

/**
 * Dependencies are built once per container (the promise is kept; a failed build is retried on the next event).
 * Records that already ran are duplicates on redelivery and do nothing, so retrying a whole event is safe.
 * A file that failed terminally is audited and archived already: its message counts as handled and is not retried.
 * Every log line carries the invocation's request id; a preparation still running near the timeout is stopped.
 */
export const makeHandler = (getDependencies: () => Promise<ProcessDependencies>): ProcessFileHandler => {
  let dependencies: Promise<ProcessDependencies> | undefined;
  const handler = async (
    event: unknown,
    context?: InvocationContext,
  ): Promise<ProcessEventResult | BatchResponse> => {
    dependencies ??= getDependencies().catch((error: unknown) => {
      dependencies = undefined;
      throw error;
    });
    const built = await dependencies;
    const deadline = invocationDeadline(context, built.settings.timeoutMarginMs ?? defaultTimeoutMarginMs);
    const deps = {
      ...built,
      log: requestLog(built.log, context),
      ...(deadline && { deadline: deadline.signal }),
    };
    try {
      const delivery = readFileEvents(event);
      if (delivery.source === 's3') return await processDirect(deps, event);
      for (const { messageId, problem } of delivery.unreadable) {
        deps.log.error({ messageId, error: problem }, 'message not understood');
      }
      const batchItemFailures: BatchResponse['batchItemFailures'] = [];
      const statuses: string[] = [];
      for (const message of delivery.messages) {
        const outcome = await processEvent(deps, message.notification);
        statuses.push(...outcome.results.map((result) => result.status));
        if (outcome.results.some((result) => result.retry === true)) {
          batchItemFailures.push({ itemIdentifier: message.messageId as string });
        }
      }
      deps.log.info(
        { messages: delivery.messages.length, statuses, retried: batchItemFailures.length },
        'messages processed',
      );
      return { batchItemFailures };
    } finally {
      deadline?.end();
    }
  };
  return handler as ProcessFileHandler;
};

async function processDirect(deps: ProcessDependencies, event: unknown): Promise<ProcessEventResult> {
  const outcome = await processEvent(deps, event);
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
}

/** The Lambda entry point: AWS dependencies from the environment, built on the first event. */
export const handler = makeHandler(() =>
  buildDependencies(readSettings(process.env, 'aws'), { mode: 'aws' }),
);
