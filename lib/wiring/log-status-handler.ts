// Lambda entry point of the status function: a Data API status event in, recordStatus, a log line out.
import { TerminalError } from '../core/errors.js';
import { readSettings } from '../core/settings/settings.js';
import type { StatementStatusEvent } from '../ports/status-events.js';
import { recordStatus } from '../use-cases/log-status/record-status.js';
import type { StatusDependencies, StatusOutcome } from '../use-cases/log-status/status-dependencies.js';
import { buildDependencies } from './build-dependencies.js';
import { type InvocationContext, requestLog } from './invocation.js';

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Refuses anything but a `Redshift Data Statement Status Change` event naming a statement id and a state. */
export function checkStatusEvent(event: unknown): StatementStatusEvent {
  const shaped = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const detail = (typeof shaped.detail === 'object' && shaped.detail !== null ? shaped.detail : {}) as Record<
    string,
    unknown
  >;
  const expect = (what: string, ok: boolean, found: unknown) => {
    if (!ok)
      throw new TerminalError(`expected a Data API status event with ${what}, found ${describeValue(found)}`);
  };
  expect("source 'aws.redshift-data'", shaped.source === 'aws.redshift-data', shaped.source);
  expect(
    "detail-type 'Redshift Data Statement Status Change'",
    shaped['detail-type'] === 'Redshift Data Statement Status Change',
    shaped['detail-type'],
  );
  expect(
    'detail.statementId',
    typeof detail.statementId === 'string' && detail.statementId !== '',
    detail.statementId,
  );
  expect('detail.state', typeof detail.state === 'string', detail.state);
  expect(
    'detail.statementName as text when present',
    detail.statementName === undefined || typeof detail.statementName === 'string',
    detail.statementName,
  );
  return event as StatementStatusEvent;
}

/** Dependencies are built once per container; a failed build is forgotten so the next invocation tries again. */
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
    const checked = checkStatusEvent(event);
    const outcome = await recordStatus(deps, checked);
    deps.log.info({ statementId: checked.detail.statementId, outcome }, 'status event handled');
    return outcome;
  };
};

/** The Lambda entry point: AWS dependencies from the environment, built on the first event. */
export const handler = makeHandler(() =>
  buildDependencies(readSettings(process.env, 'aws'), { mode: 'aws' }),
);
