// The status function's terminal path: a run an event cannot finish is audited FAILED, archived to error, notified once.

import { errorMessage } from '../../core/errors.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import type { StatementKind } from '../../core/load-sql/statement-name.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { notifyOnce } from '../../records/notify-once.js';
import type { Run } from '../../records/run.js';
import { finalRunStates } from '../../records/run-states.js';
import { getRun } from '../../records/runs.js';
import { PENDING_TRANSFORM } from '../../records/transform-claim.js';
import { endFailedLoad } from './failed-load.js';
import { rowsLoadedBy } from './load-outcome.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';
import { type FailingRun, runMessage, statusRun } from './status-run.js';
import { finishTransform } from './transform-status.js';

export interface StatusFailure {
  kind: StatementKind;
  /** What was expected and what was found. */
  error: string;
  statementId: string | null;
  /** The statement as described, when it was: a load that finished left rows behind, and the error says so. */
  description?: StatementDescription;
}

/** The run with its rule when the rule can still be read; a deleted or broken rule must not stop the failure. */
async function failingRun(deps: StatusDependencies, run: Run): Promise<FailingRun> {
  try {
    return await statusRun(deps, run);
  } catch (error) {
    deps.log.warn({ runId: run.id, error: errorMessage(error) }, 'rule of a failing run not readable');
    const fileName = run.facts.file?.fileName ?? fileNameOf(run.key);
    return { run, fileName, interfaceId: run.interfaceId, targetTable: null };
  }
}

/** Rows a finished load committed stay where they are; the error names them so `ferry reprocess` asks for --force. */
function loadedRows(failure: StatusFailure): number {
  const { description } = failure;
  if (description?.status !== 'FINISHED') return 0;
  return rowsLoadedBy(description) ?? 0;
}

async function failLoad(
  deps: StatusDependencies,
  run: Run,
  failure: StatusFailure,
): Promise<Run | undefined> {
  const facts = await failingRun(deps, run);
  const rowsLoaded = loadedRows(failure);
  const error =
    rowsLoaded > 0
      ? `${failure.error}; statement ${failure.statementId} had FINISHED: its ${rowsLoaded} rows stay in ` +
        `${facts.targetTable ?? 'the target'} with file_name '${facts.fileName}'`
      : failure.error;
  const endedAt = deps.now();
  const moved = await endFailedLoad(deps, facts, {
    state: 'FAILED',
    error,
    rowsLoaded,
    ...(failure.statementId === null ? {} : { statementId: failure.statementId }),
    endedAt,
  });
  if (moved === undefined) return undefined;
  await notifyOnce(
    deps,
    runMessage(
      deps.settings,
      { ...facts, run: moved },
      {
        status: 'FAILED',
        rowsLoaded,
        rowsRejected: null,
        error,
        endedAt,
      },
    ),
  );
  return moved;
}

/** A LOADED run still owes its post-load SQL: the one submitted, or one its rule has and that never got submitted. */
function owesPostLoad(run: Run, facts: FailingRun, kind: StatementKind): boolean {
  if (kind === 'transform') return true;
  const hasPostLoad = facts.rule?.postLoadSql !== undefined;
  return (run.transformStatementId === null || run.transformStatementId === PENDING_TRANSFORM) && hasPostLoad;
}

/**
 * Ends the run by where it is now (re-read: the failure may have come after the run moved on): a SUBMITTED run
 * FAILED with its file in archive/error/; a LOADED run whose post-load SQL cannot run TRANSFORM_FAILED (its rows
 * stand). A run that already ended stays as it is. Undefined when the failure is not the run's to end (e.g. a
 * notification that could not be sent for a LOADED run): the caller rethrows, as before this path existed.
 */
export async function failStatus(
  deps: StatusDependencies,
  runId: string,
  failure: StatusFailure,
): Promise<StatusOutcome | undefined> {
  const run = await getRun(deps.db, runId);
  const base = { runId, kind: failure.kind };
  if (run === undefined) return undefined;
  if (run.state === 'SUBMITTED' && failure.kind === 'load') {
    const moved = await failLoad(deps, run, failure);
    if (moved !== undefined)
      return { ...base, result: 'failed', state: moved.state, error: moved.error ?? '' };
  } else if (run.state === 'LOADED' && failure.kind !== 'rejects') {
    const facts = await failingRun(deps, run);
    if (!owesPostLoad(run, facts, failure.kind)) return undefined;
    const end = { state: 'TRANSFORM_FAILED' as const, error: failure.error, endedAt: deps.now() };
    if (await finishTransform(deps, facts, end)) {
      return { ...base, result: 'failed', state: end.state, error: failure.error };
    }
  } else if (!(finalRunStates as readonly string[]).includes(run.state)) {
    return undefined;
  }
  const now = (await getRun(deps.db, runId))?.state ?? run.state;
  deps.log.warn({ runId, state: now, error: failure.error }, 'terminal failure for a run that already ended');
  return { ...base, result: 'unchanged', state: now };
}
