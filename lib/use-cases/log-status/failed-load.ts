// A load that failed, whatever failed it (the statement, the row count, a terminal error): audit, error archive, ledger.
import type { ContractCheck } from '../../ports/notifier.js';
import { recordAuditOutcome } from '../../records/audit.js';
import type { Run } from '../../records/run.js';
import { moveRun } from '../../records/runs.js';
import { archiveFailedRun, withArchive } from './archive-run.js';
import type { StatusDependencies } from './status-dependencies.js';
import type { FailingRun } from './status-run.js';

export interface FailedLoad {
  state: 'FAILED' | 'ABORTED';
  error: string;
  rowsLoaded: number;
  /** Known only when the load finished but its counts did not add up. */
  rowsRejected?: number | null;
  statementId?: string;
  endedAt: Date;
  /** The contract's verdicts with this load's, e.g. a failed `control_count`. */
  checks?: ContractCheck[];
}

/**
 * Audit row, then the original to archive/error/ (both safe to repeat), then the ledger's compare-and-set from
 * SUBMITTED. Undefined when another delivery ended the run first: the caller then notifies nothing.
 */
export async function endFailedLoad(
  deps: StatusDependencies,
  facts: FailingRun,
  end: FailedLoad,
): Promise<Run | undefined> {
  const { run } = facts;
  const rejected = end.rowsRejected === undefined ? {} : { rowsRejected: end.rowsRejected };
  const statement = end.statementId === undefined ? {} : { statementId: end.statementId };
  if (run.auditId !== null) {
    await recordAuditOutcome(deps.db, run.auditId, {
      status: end.state,
      processed: false,
      endedAt: end.endedAt,
      timezone: deps.settings.timezone,
      errorMessage: end.error,
      rowsLoaded: end.rowsLoaded,
      ...rejected,
      ...statement,
      ...(end.checks && { checks: end.checks }),
    });
  }
  const archived = await archiveFailedRun(deps, facts);
  const moved = await moveRun(deps.db, run.id, ['SUBMITTED'], end.state, {
    error: end.error,
    rowsLoaded: end.rowsLoaded,
    ...rejected,
    ...statement,
    facts: { ...withArchive(run, archived), ...(end.checks && { contract: { checks: end.checks } }) },
  });
  if (moved !== undefined) {
    deps.log.warn(
      { runId: run.id, state: end.state, error: end.error, archived: archived.archivedKeys },
      'load failed',
    );
  }
  return moved;
}
