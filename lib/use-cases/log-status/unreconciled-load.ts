// A loaded run whose rejected rows, counted by the follow-up, do not account for the records validated: it fails late.
import { notifyOnce } from '../../records/notify-once.js';
import type { Run } from '../../records/run.js';
import { moveRunAudited } from '../../records/runs.js';
import { rearchiveFailed, withArchive } from './archive-run.js';
import { loadCountChecks } from './reconcile-rows.js';
import type { StatusDependencies } from './status-dependencies.js';
import { runMessage, type StatusRun, statusRun } from './status-run.js';

/** Where a failed load's committed rows are, so a person can find and remove them. */
export function committedRows(facts: StatusRun, rowsLoaded: number | null): string {
  const { run } = facts;
  const where = `${facts.targetTable ?? 'the target'} with file_name '${facts.fileName}' and load time ${run.facts.load?.loadedAt}`;
  return `the ${rowsLoaded} loaded rows stay in ${where}`;
}

/**
 * Under MAXERROR the processing function cannot know how many rows COPY will reject, so the run is recorded LOADED
 * with records − loaded as its rejects until SYS_LOAD_ERROR_DETAIL's count arrives. When that count does not close
 * the sum, rows were lost or invented: the run (LOADED, TRANSFORMED or TRANSFORM_FAILED) becomes FAILED, its audit row
 * says why, a FAILED notification follows the earlier one, and RowCountMismatch counts it. The original moves on to archive/error/,
 * where `ferry reprocess` finds it once a person has removed the rows the error names.
 */
export async function failUnreconciledLoad(
  deps: StatusDependencies,
  run: Run,
  rowsRejected: number,
  mismatch: string,
): Promise<Run | undefined> {
  const facts = await statusRun(deps, run);
  const error = `${mismatch}; ${committedRows(facts, run.rowsLoaded)}`;
  const checks = loadCountChecks(run, { rowsLoaded: run.rowsLoaded, rowsRejected });
  const endedAt = deps.now();
  // The move to a fixed key is safe to repeat; the compare-and-set, with the audit row, comes last.
  const archived = await rearchiveFailed(deps, facts);
  const moved = await moveRunAudited(
    deps.db,
    {
      runId: run.id,
      from: ['LOADED', 'TRANSFORMED', 'TRANSFORM_FAILED'],
      to: 'FAILED',
      change: {
        error,
        rowsRejected,
        facts: {
          ...withArchive(run, archived),
          ...(checks && { contract: { ...run.facts.contract, checks } }),
        },
      },
    },
    {
      auditId: run.auditId,
      outcome: {
        status: 'FAILED',
        processed: false,
        endedAt,
        timezone: deps.settings.timezone,
        errorMessage: error,
        rowsRejected,
        ...(checks && { checks }),
      },
    },
  );
  if (moved === undefined) return undefined;
  deps.log.warn({ runId: run.id, error }, 'loaded rows do not add up; run failed');
  deps.metrics?.record(
    { interfaceId: facts.interfaceId, outcome: 'failed', runId: run.id, values: { RowCountMismatch: 1 } },
    endedAt,
  );
  await notifyOnce(
    deps,
    runMessage(
      deps.settings,
      { ...facts, run: moved },
      {
        status: 'FAILED',
        rowsLoaded: moved.rowsLoaded,
        rowsRejected,
        error,
        endedAt,
      },
    ),
  );
  return moved;
}
