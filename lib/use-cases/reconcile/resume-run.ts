// Finishes one run from its statement's description, through log-status's own recordStatus (or its failure path).

import { FerryError } from '../../core/errors.js';
import { buildStatusEvent } from '../../core/events/status-event.js';
import { StatementNotFoundError } from '../../core/load-sql/statement-not-found-error.js';
import { finalStatementStates } from '../../ports/warehouse.js';
import type { Run } from '../../records/run.js';
import { failStatus, type StatusFailure } from '../log-status/fail-status.js';
import { recordStatus } from '../log-status/record-status.js';
import { awaitedStatement } from './awaited-statement.js';
import type { ReconcileDependencies, ReconcileSettings, ResumeOutcome } from './reconcile-dependencies.js';

function eventSettings(settings: ReconcileSettings, principal: string) {
  const { clusterIdentifier, workgroupName } = settings.warehouse ?? {};
  return {
    account: '000000000000',
    region: settings.region,
    clusterId: clusterIdentifier ?? workgroupName ?? 'local',
    principal,
  };
}

/** Fails the run; one that moved on meanwhile to a state the failure path does not end is reported, not hidden. */
async function failed(deps: ReconcileDependencies, run: Run, failure: StatusFailure): Promise<ResumeOutcome> {
  const outcome = await failStatus(deps, run.id, failure);
  if (outcome === undefined) {
    throw new FerryError(
      `expected run ${run.id} to wait on its ${failure.kind} statement, found it moved on`,
      {
        context: { runId: run.id },
      },
    );
  }
  return { runId: run.id, action: 'failed', outcome };
}

/**
 * The event EventBridge would have delivered is built from DescribeStatement and handed to recordStatus, so a run
 * finishes exactly as a delivered event would finish it (and a late real event then changes nothing). A statement
 * still running is left alone. A run with no statement id, or one the Data API no longer knows (it keeps statements
 * 24 hours), can never finish: it fails, its file goes to archive/error/ where `ferry reprocess` brings it back.
 * `principal` names who resumed it in the event (the reconciler, `ferry reprocess --resume`).
 */
export async function resumeRun(
  deps: ReconcileDependencies,
  run: Run,
  principal: string,
): Promise<ResumeOutcome> {
  const awaited = awaitedStatement(run);
  if (awaited === undefined) {
    throw new FerryError(
      `expected run ${run.id} to wait on a statement (SUBMITTED, or LOADED with post-load SQL running), found ${run.state}`,
      { context: { runId: run.id } },
    );
  }
  const { kind, statementId } = awaited;
  if (statementId === null) {
    const error = `expected run ${run.id} to record the id of its ${kind} statement, found none since ${run.updatedAt.toISOString()} (the submission's answer never came)`;
    return failed(deps, run, { kind, error, statementId });
  }
  let description: Awaited<ReturnType<typeof deps.warehouse.describe>>;
  try {
    description = await deps.warehouse.describe(statementId);
  } catch (cause) {
    if (!(cause instanceof StatementNotFoundError)) throw cause;
    const error =
      `expected the warehouse to know ${kind} statement ${statementId} of run ${run.id}, found it unknown ` +
      `(the Data API keeps statements 24 hours): ${cause.message}`;
    return failed(deps, run, { kind, error, statementId });
  }
  if (!finalStatementStates.includes(description.status)) {
    return { runId: run.id, action: 'running', status: description.status };
  }
  const event = buildStatusEvent(description, eventSettings(deps.settings, principal), deps.now());
  const outcome = await recordStatus(deps, event);
  return { runId: run.id, action: 'resumed', status: description.status, outcome };
}
