// Lambda entry point of the status function: a Data API status event in, recordStatusEvent, a log line out.
import { readSettings } from '../core/settings/settings.js';
import { recordStatusEvent } from '../use-cases/log-status/record-status.js';
import type { StatusDependencies, StatusOutcome } from '../use-cases/log-status/status-dependencies.js';
import { buildDependencies } from './build-dependencies.js';
import { type InvocationContext, requestLog } from './invocation.js';

/**
 * Dependencies are built once per container; a failed build is forgotten so the next invocation tries again. The
 * handler throws only on a transient failure (Lambda retries it); terminal ones are recorded and returned.
 */
export const makeHandler = (getDependencies: () => Promise<StatusDependencies>) => {
  let dependencies: Promise<StatusDependencies> | undefined;
  return async (event: unknown, context?: InvocationContext): Promise<StatusOutcome> => {
    dependencies ??= getDependencies().catch((error: unknown) => {
      dependencies = undefined;
      throw error;
    });
    const built = await dependencies;
    // Its steps are short (a describe, a server-side copy, a submit): only the request id is taken from the context.
    const deps = { ...built, log: requestLog(built.log, context) };
    const outcome = await recordStatusEvent(deps, event);
    deps.log.info({ outcome }, 'status event handled');
    return outcome;
  };
};

/** The Lambda entry point: AWS dependencies from the environment, built on the first event. */
export const handler = makeHandler(() =>
  buildDependencies(readSettings(process.env, 'aws'), { mode: 'aws' }),
);
