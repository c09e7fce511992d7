// The load statement's outcome: archive, audit and ledger on FINISHED (then post-load SQL or the notification), or the failure path.

import { errorMessage } from '../../core/errors.js';
import type { ContractCheck } from '../../ports/notifier.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { recordAuditOutcome } from '../../records/audit.js';
import { holdNotification, notifyOnce } from '../../records/notify-once.js';
import type { Run } from '../../records/run.js';
import { moveRun } from '../../records/runs.js';
import { archiveLoadedRun, withArchive } from './archive-run.js';
import { endFailedLoad } from './failed-load.js';
import { recordLoadMetrics } from './load-metrics.js';
import { copyQueryId, failedCopyQueryId, failureText, rowsLoadedBy, rowsRejectedBy } from './load-outcome.js';
import { recordLoadedSequence } from './loaded-sequence.js';
import { startPostLoad } from './post-load.js';
import { loadCountChecks, rowCountMismatch } from './reconcile-rows.js';
import { submitRejectedRows, wantsRejectedRows } from './rejected-rows.js';
import { markReplaced, replacementOf } from './replaced-rows.js';
import type { StatusDependencies, StatusOutcome } from './status-dependencies.js';
import { runMessage, type StatusRun, statusRun } from './status-run.js';
import { committedRows } from './unreconciled-load.js';

type Failure = 'FAILED' | 'ABORTED';

/** A statement that finished but whose counts do not add up fails the run with this error and its row counts. */
interface Unreconciled {
  error: string;
  rowsLoaded: number | null;
  rowsRejected: number | null;
  checks?: ContractCheck[];
}

function loadedMessage(deps: StatusDependencies, facts: StatusRun, description: StatementDescription) {
  return runMessage(deps.settings, facts, {
    status: 'FINISHED',
    rowsLoaded: facts.run.rowsLoaded,
    rowsRejected: facts.run.rowsRejected,
    error: null,
    endedAt: description.updatedAt,
  });
}

/** After the run is LOADED: post-load SQL when the rule has some (its event notifies), else the notification. */
async function afterLoad(deps: StatusDependencies, facts: StatusRun, description: StatementDescription) {
  if (facts.rule.postLoadSql !== undefined) await startPostLoad(deps, facts, description);
  else await notifyOnce(deps, loadedMessage(deps, facts, description));
}

/**
 * Side effects that are safe to repeat come first (archive moves to fixed keys, the audit update), the
 * compare-and-set last: a crash before it leaves the run SUBMITTED and the retried event redoes the same work.
 */
async function recordLoaded(
  deps: StatusDependencies,
  run: Run,
  description: StatementDescription,
): Promise<Run | undefined> {
  const facts = await statusRun(deps, run);
  const rowsLoaded = rowsLoadedBy(description);
  const rowsRejected = rowsRejectedBy(facts.rule, run.facts.file?.records ?? null, rowsLoaded);
  const counted = { rowsLoaded, rowsRejected };
  const mismatch = rowCountMismatch(run, counted);
  if (mismatch !== undefined) {
    const checks = loadCountChecks(run, counted);
    // The rows are committed; they stay where they are, named in the error so a person can find and remove them.
    const error = `${mismatch}; ${committedRows(facts, rowsLoaded)}`;
    return recordFailed(deps, run, description, 'FAILED', {
      error,
      rowsLoaded,
      rowsRejected,
      ...(checks && { checks }),
    });
  }
  const archived = await archiveLoadedRun(deps, facts);
  const replacement = replacementOf(run, description);
  const loadedChecks = loadCountChecks(run, counted, replacement?.checks) ?? replacement?.checks;
  if (run.auditId !== null) {
    await recordAuditOutcome(deps.db, run.auditId, {
      status: 'FINISHED',
      processed: true,
      endedAt: description.updatedAt,
      timezone: deps.settings.timezone,
      errorMessage: rejectedMessage(facts.rule.maxErrors, rowsRejected, run.auditId),
      rowsLoaded,
      rowsRejected,
      statementId: description.id,
      ...(loadedChecks && { checks: loadedChecks }),
    });
  }
  const moved = await moveRun(deps.db, run.id, ['SUBMITTED'], 'LOADED', {
    statementId: description.id,
    rowsLoaded,
    rowsRejected,
    facts: {
      ...withArchive(run, archived),
      ...(loadedChecks && { contract: { ...run.facts.contract, checks: loadedChecks } }),
    },
  });
  if (moved === undefined) return undefined;
  if (replacement) await markReplaced(deps, moved, replacement);
  deps.log.info(
    { runId: run.id, rowsLoaded, rowsRejected, archived: archived.archivedKeys },
    'load recorded',
  );
  recordLoadMetrics(deps, facts, description, { rowsLoaded, rowsRejected, mismatch: false });
  await recordLoadedSequence(deps, facts.rule, moved);
  const loaded = { ...facts, run: moved };
  await afterLoad(deps, loaded, description);
  const queryId = copyQueryId(description);
  if (queryId !== null && wantsRejectedRows(facts.rule, queryId)) {
    await submitRejectedRows(deps, run.id, queryId);
  }
  return moved;
}

/** The run's facts with what archiving did added to them. */

/** A finished load that dropped rows says so where people look: the audit row's message, beside FINISHED. */
function rejectedMessage(
  maxErrors: number | undefined,
  rowsRejected: number | null,
  auditId: number,
): string | null {
  if (rowsRejected === null || rowsRejected === 0) return null;
  return `loaded with ${rowsRejected} rejected rows (max_errors ${maxErrors ?? 0}); \`ferry errors ${auditId}\` lists them`;
}

async function recordFailed(
  deps: StatusDependencies,
  run: Run,
  description: StatementDescription,
  state: Failure,
  unreconciled?: Unreconciled,
): Promise<Run | undefined> {
  const facts = await statusRun(deps, run);
  const moved = await endFailedLoad(deps, facts, {
    state,
    error: unreconciled?.error ?? failureText(description),
    rowsLoaded: unreconciled?.rowsLoaded ?? 0,
    ...(unreconciled ? { rowsRejected: unreconciled.rowsRejected } : {}),
    ...(unreconciled?.checks && { checks: unreconciled.checks }),
    statementId: description.id,
    endedAt: description.updatedAt,
  });
  if (moved === undefined) return undefined;
  recordLoadMetrics(deps, facts, description, {
    rowsLoaded: unreconciled?.rowsLoaded ?? null,
    rowsRejected: unreconciled?.rowsRejected ?? null,
    mismatch: unreconciled !== undefined,
  });
  const message = failedMessage(deps, { ...facts, run: moved }, description, state);
  const queryId = failedCopyQueryId(description);
  // Subscribers should read why, not "check sys_load_error_detail": the follow-up's event publishes the notification
  // with the row-level reason; if that never comes, the hold expires and it goes out as it is.
  if (queryId !== null && (await requestFailureDetail(deps, run.id, queryId)))
    await holdNotification(deps.db, message);
  else await notifyOnce(deps, message);
  return moved;
}

/**
 * The row-level reason of a failed COPY is read by the same follow-up as MAXERROR's rejected rows; its event adds
 * the reason to the run's error, audit row and notification. Diagnostic only: a follow-up that cannot be submitted is
 * logged (false) and the failure itself stands as recorded.
 */
async function requestFailureDetail(
  deps: Pick<StatusDependencies, 'warehouse' | 'log' | 'settings'>,
  runId: string,
  queryId: number,
): Promise<boolean> {
  try {
    await submitRejectedRows(deps, runId, queryId);
    return true;
  } catch (error) {
    deps.log.warn({ runId, queryId, error: errorMessage(error) }, 'load error detail could not be requested');
    return false;
  }
}

function failedMessage(
  deps: StatusDependencies,
  facts: StatusRun,
  description: StatementDescription,
  state: Failure,
) {
  return runMessage(deps.settings, facts, {
    status: state,
    rowsLoaded: facts.run.rowsLoaded ?? 0,
    rowsRejected: facts.run.rowsRejected,
    error: facts.run.error ?? failureText(description),
    endedAt: description.updatedAt,
  });
}

/**
 * Acts only on a SUBMITTED run. A run already in the state this statement ended in only gets a notification that a
 * crash or a failed publish left unsent (and, after a load, its post-load SQL if that was never submitted); a run in
 * any other state (e.g. a FAILED arriving after FINISHED) is left exactly as it is.
 */
export async function recordLoadStatus(
  deps: StatusDependencies,
  run: Run,
  description: StatementDescription,
): Promise<StatusOutcome> {
  const base = { runId: run.id, kind: 'load' as const };
  const finished = description.status === 'FINISHED';
  const state = finished ? 'LOADED' : (description.status as Failure);
  if (run.state === 'SUBMITTED') {
    const moved = finished
      ? await recordLoaded(deps, run, description)
      : await recordFailed(deps, run, description, state as Failure);
    // A finished load whose counts do not add up is recorded FAILED.
    if (moved !== undefined) return { ...base, result: 'recorded', state: moved.state };
    return { ...base, result: 'unchanged', state: run.state };
  }
  if (run.state === state) {
    const facts = await statusRun(deps, run);
    if (finished) await afterLoad(deps, facts, description);
    else await notifyOnce(deps, failedMessage(deps, facts, description, state as Failure));
  } else if (finished && run.state === 'FAILED') {
    // Failed by the row-count check: its notification may be the one left unsent.
    await notifyOnce(deps, failedMessage(deps, await statusRun(deps, run), description, 'FAILED'));
  }
  return { ...base, result: 'unchanged', state: run.state };
}
