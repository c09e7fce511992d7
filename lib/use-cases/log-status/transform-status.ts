// The post-load SQL's own outcome: TRANSFORMED or TRANSFORM_FAILED in the ledger and the audit row, then the notification.

import type { StatementDescription } from '../../ports/warehouse.js';
import { notifyOnce } from '../../records/notify-once.js';
import type { Run } from '../../records/run.js';
import { moveRunAudited } from '../../records/runs.js';
import { failureText } from './load-outcome.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';
import { type FailingRun, runMessage, statusRun } from './status-run.js';

type TransformState = 'TRANSFORMED' | 'TRANSFORM_FAILED';

export interface TransformEnd {
  state: TransformState;
  error: string | null;
  endedAt: Date;
  statementId?: string;
}

function transformMessage(settings: StatusDependencies['settings'], facts: FailingRun, end: TransformEnd) {
  return runMessage(settings, facts, {
    status: end.state,
    rowsLoaded: facts.run.rowsLoaded,
    rowsRejected: facts.run.rowsRejected,
    error: end.error,
    endedAt: end.endedAt,
  });
}

/** The compare-and-set from LOADED with its audit row, then the notification; false when another delivery got there first. */
export async function finishTransform(
  deps: Pick<StatusDependencies, 'db' | 'notifier' | 'log' | 'settings'>,
  facts: FailingRun,
  end: TransformEnd,
): Promise<boolean> {
  const { db, settings } = deps;
  const runId = facts.run.id;
  const moved = await moveRunAudited(
    db,
    {
      runId,
      from: ['LOADED'],
      to: end.state,
      change: {
        error: end.error,
        ...(end.statementId === undefined ? {} : { transformStatementId: end.statementId }),
      },
    },
    {
      auditId: facts.run.auditId,
      outcome: {
        status: end.state,
        // The file's rows were loaded either way, so the processed flag stays Y.
        processed: true,
        endedAt: end.endedAt,
        timezone: settings.timezone,
        // A finished post-load SQL keeps what the load said (e.g. its rejected rows); only a failure replaces it.
        errorMessage: end.error ?? undefined,
      },
    },
  );
  if (moved === undefined) return false;
  deps.log.info({ runId, state: end.state, error: end.error }, 'post-load SQL recorded');
  await notifyOnce(deps, transformMessage(settings, { ...facts, run: moved }, end));
  return true;
}

export async function recordTransformStatus(
  deps: StatusDependencies,
  run: Run,
  description: StatementDescription,
): Promise<StatusOutcome> {
  const base = { runId: run.id, kind: 'transform' as const };
  const finished = description.status === 'FINISHED';
  const end: TransformEnd = {
    state: finished ? 'TRANSFORMED' : 'TRANSFORM_FAILED',
    error: finished ? null : failureText(description),
    endedAt: description.updatedAt,
    statementId: description.id,
  };
  if (run.state === 'LOADED') {
    const recorded = await finishTransform(deps, await statusRun(deps, run), end);
    if (recorded) return { ...base, result: 'recorded', state: end.state };
  } else if (run.state === end.state) {
    // The same event again: only a notification a crash or a failed publish left unsent goes out.
    const facts = await statusRun(deps, run);
    await notifyOnce(deps, transformMessage(deps.settings, facts, { ...end, error: run.error }));
  }
  return { ...base, result: 'unchanged', state: run.state };
}
