// The status function's use case: a Data API status event for one of Ferry's statements → ledger, audit, archive, notify.

import { errorMessage, TransientError } from '../../core/errors.js';
import { parseStatementName } from '../../core/load-sql/statement-name.js';
import type { StatementStatusEvent } from '../../ports/status-events.js';
import { finalStatementStates } from '../../ports/warehouse.js';
import { getRun } from '../../records/runs.js';
import { PENDING_TRANSFORM } from '../../records/transform-claim.js';
import { recordLoadStatus } from './load-status.js';
import { recordRejectedRows } from './rejected-rows.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';
import { recordTransformStatus } from './transform-status.js';

/** The statement this event is about is the one the run recorded (or the run has not recorded one yet). */
function isRunStatement(recorded: string | null, statementId: string): boolean {
  return recorded === null || recorded === PENDING_TRANSFORM || recorded === statementId;
}

/**
 * DescribeStatement, not the event, decides the outcome: events can arrive twice, late or out of order, the
 * statement's final state cannot change. Every state change is a compare-and-set, so a repeated event is a no-op.
 * Failures are logged with the run id and rethrown, so the platform retries.
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
    const description = await deps.warehouse.describe(statementId);
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
    log.error({ error: errorMessage(error), err: error }, 'statement status not recorded');
    throw error;
  }
}
