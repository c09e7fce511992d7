// The post-load SQL's own outcome: TRANSFORMED or TRANSFORM_FAILED in the ledger and the audit row, then the notification.

import type { StatementDescription } from '../../ports/warehouse.js';
import { recordAuditOutcome, trimErrorMessage } from '../../records/audit.js';
import { notifyOnce } from '../../records/notify-once.js';
import { transitionRun } from '../../records/runs.js';
import type { RunRow } from '../../records/tables.js';
import { failureText } from './load-outcome.js';
import { type RunFacts, runFacts, statusMessage } from './run-facts.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';

type TransformState = 'TRANSFORMED' | 'TRANSFORM_FAILED';

export interface TransformEnd {
  state: TransformState;
  error: string | null;
  endedAt: Date;
  statementId?: string;
}

function transformMessage(deps: StatusDependencies, facts: RunFacts, end: TransformEnd) {
  return statusMessage(deps, facts, {
    status: end.state,
    rowsLoaded: facts.run.rows_loaded,
    rowsRejected: facts.run.rows_rejected,
    error: end.error,
    endedAt: end.endedAt,
  });
}

/** Audit, then the compare-and-set from LOADED, then the notification; false when another delivery got there first. */
export async function finishTransform(
  deps: StatusDependencies,
  facts: RunFacts,
  end: TransformEnd,
): Promise<boolean> {
  const { db, settings } = deps;
  const runId = facts.run.run_id;
  if (facts.run.ext_file_audit_sid !== null) {
    // The file's rows were loaded either way, so the processed flag stays Y.
    await recordAuditOutcome(db, facts.run.ext_file_audit_sid, {
      status: end.state,
      processed: true,
      endedAt: end.endedAt,
      timezone: settings.timezone,
      // A finished post-load SQL keeps what the load said (e.g. its rejected rows); only a failure replaces it.
      errorMessage: end.error ?? undefined,
    });
  }
  const moved = await transitionRun(db, runId, ['LOADED'], end.state, {
    error: trimErrorMessage(end.error),
    ...(end.statementId === undefined ? {} : { transform_statement_id: end.statementId }),
  });
  if (moved === undefined) return false;
  deps.log.info({ runId, state: end.state, error: end.error }, 'post-load SQL recorded');
  await notifyOnce(deps, transformMessage(deps, { ...facts, run: moved }, end));
  return true;
}

export async function recordTransformStatus(
  deps: StatusDependencies,
  run: RunRow,
  description: StatementDescription,
): Promise<StatusOutcome> {
  const base = { runId: run.run_id, kind: 'transform' as const };
  const finished = description.status === 'FINISHED';
  const end: TransformEnd = {
    state: finished ? 'TRANSFORMED' : 'TRANSFORM_FAILED',
    error: finished ? null : failureText(description),
    endedAt: description.updatedAt,
    statementId: description.id,
  };
  if (run.state === 'LOADED') {
    const recorded = await finishTransform(deps, await runFacts(deps, run), end);
    if (recorded) return { ...base, result: 'recorded', state: end.state };
  } else if (run.state === end.state) {
    // The same event again: only a notification a crash or a failed publish left unsent goes out.
    await notifyOnce(deps, transformMessage(deps, await runFacts(deps, run), { ...end, error: run.error }));
  }
  return { ...base, result: 'unchanged', state: run.state };
}
