// The status function's use case: a Data API status event for one of Ferry's statements → ledger, audit, archive, notify.

import { errorMessage, TransientError } from '../../core/errors.js';
import { parseStatementName } from '../../core/load-sql/statement-name.js';
import type { StatementStatusEvent } from '../../ports/status-events.js';
import { finalStatementStates, type StatementDescription } from '../../ports/warehouse.js';
import { getRun } from '../../records/runs.js';
import { PENDING_TRANSFORM } from '../../records/transform-claim.js';
import { isTransient } from '../classify-error.js';
import { failStatus } from './fail-status.js';
import { recordLoadStatus } from './load-status.js';
import { recordRejectedRows } from './rejected-rows.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';
import { checkStatusEvent } from './status-event-schema.js';
import { recordTransformStatus } from './transform-status.js';

/** The statement this event is about is the one the run recorded (or the run has not recorded one yet). */
function isRunStatement(recorded: string | null, statementId: string): boolean {
  return recorded === null || recorded === PENDING_TRANSFORM || recorded === statementId;
}

/**
 * DescribeStatement, not the event, decides the outcome: events can arrive twice, late or out of order, the
 * statement's final state cannot change. Every state change is a compare-and-set, so a repeated event is a no-op.
 * Transient failures (throttling, connection loss) are logged and rethrown, so the platform retries; terminal ones
 * (the run's rule gone, an error every retry would repeat) end the run through the failure path and return.
 */
export async function recordStatus(
  deps: StatusDependencies,
  event: StatementStatusEvent,
): Promise<StatusOutcome> {
  const { statementId, statementName, state } = event.detail;
  const parsed = parseStatementName(statementName);
  if (parsed === undefined) {
    deps.log.info({ statementId, statementName }, 'not a Ferry statement; ignored');
    return { result: 'ignored', reason: 'not-ferry', statementId };
  }
  const { kind, runId } = parsed;
  const log = deps.log.child({ runId, statementId, kind });
  const scoped = { ...deps, log };
  let description: StatementDescription | undefined;
  try {
    const run = await getRun(deps.db, runId);
    if (run === undefined) {
      log.warn('unknown run; event ignored');
      return { result: 'ignored', reason: 'unknown-run', statementId, runId };
    }
    const recorded =
      kind === 'load' ? run.statementId : kind === 'transform' ? run.transformStatementId : null;
    if (!isRunStatement(recorded, statementId)) {
      log.warn({ recordedStatementId: recorded }, 'event for another statement of the run; ignored');
      return { result: 'ignored', reason: 'other-statement', statementId, runId };
    }
    description = await deps.warehouse.describe(statementId);
    if (!finalStatementStates.includes(description.status)) {
      throw new TransientError(
        `expected statement ${statementId} to be FINISHED, FAILED or ABORTED, found ${description.status}`,
        { context: { runId, statementId } },
      );
    }
    if (description.status !== state)
      log.warn({ eventState: state, status: description.status }, 'event state differs from the statement');
    log.info({ status: description.status, runState: run.state }, 'statement status received');
    if (kind === 'load') return await recordLoadStatus(scoped, run, description);
    if (kind === 'transform') return await recordTransformStatus(scoped, run, description);
    return await recordRejectedRows(scoped, run, description);
  } catch (error) {
    log.error(
      { error: errorMessage(error), transient: isTransient(error), err: error },
      'statement status not recorded',
    );
    if (isTransient(error)) throw error;
    const failed = await failStatus(scoped, runId, {
      kind,
      error: errorMessage(error),
      statementId,
      ...(description === undefined ? {} : { description }),
    });
    if (failed === undefined) throw error;
    return failed;
  }
}

/**
 * The status function's entry: the event is checked first. A malformed event that names one of Ferry's runs fails
 * that run (the event can never be read, a retry would be just as malformed); one that names no run can only be
 * logged and reported, never retried forever.
 */
export async function recordStatusEvent(deps: StatusDependencies, event: unknown): Promise<StatusOutcome> {
  const checked = checkStatusEvent(event);
  if (checked.ok) return recordStatus(deps, checked.event);
  const parsed = parseStatementName(checked.statementName);
  const { problem: error } = checked;
  if (parsed === undefined || (await getRun(deps.db, parsed.runId)) === undefined) {
    deps.log.error(
      { error, statementName: checked.statementName ?? null },
      'malformed status event rejected',
    );
    return { result: 'rejected', reason: 'malformed', error };
  }
  deps.log.error({ runId: parsed.runId, error }, 'malformed status event for a run');
  const failed = await failStatus(deps, parsed.runId, {
    kind: parsed.kind,
    error,
    // Not trusted to name the run's statement: the run keeps the one it recorded.
    statementId: null,
  });
  return failed ?? { result: 'rejected', reason: 'malformed', error };
}
