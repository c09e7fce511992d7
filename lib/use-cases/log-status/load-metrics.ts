// What the status function counts per load outcome: files loaded or failed, rows, and upload-to-loaded latency.
import type { MetricOutcome } from '../../ports/metrics.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import type { Run } from '../../records/run.js';
import { recordsValidated } from './reconcile-rows.js';
import type { StatusDependencies } from './status-dependencies.js';
import type { StatusRun } from './status-run.js';

export interface LoadRows {
  rowsLoaded: number | null;
  rowsRejected: number | null;
  /** Rows loaded + rejected differ from the records validated (the run is FAILED for it). */
  mismatch: boolean;
}

/** One record per load outcome the status function records (never for a repeated event: the run moved once). */
export function recordLoadMetrics(
  deps: StatusDependencies,
  facts: StatusRun,
  description: StatementDescription,
  rows: LoadRows,
): void {
  const { run } = facts;
  const outcome: MetricOutcome =
    description.status === 'FINISHED' && !rows.mismatch
      ? 'loaded'
      : description.status === 'ABORTED'
        ? 'aborted'
        : 'failed';
  const loaded = outcome === 'loaded';
  const expected = recordsValidated(run)?.records;
  const now = deps.now();
  const latency = loaded ? uploadToLoadedSeconds(run, now) : undefined;
  deps.metrics?.record(
    {
      interfaceId: facts.interfaceId,
      outcome,
      runId: run.id,
      values: {
        FilesLoaded: loaded ? 1 : 0,
        FilesFailed: loaded ? 0 : 1,
        RowCountMismatch: rows.mismatch ? 1 : 0,
        ...(expected === undefined ? {} : { RowsExpected: expected }),
        ...(rows.rowsLoaded === null ? {} : { RowsLoaded: rows.rowsLoaded }),
        ...(rows.rowsRejected === null ? {} : { RowsRejected: rows.rowsRejected }),
        ...(latency === undefined ? {} : { UploadToLoadedSeconds: latency }),
      },
    },
    now,
  );
}

/** Seconds from the object's upload to the load recorded (now); undefined for a run recorded before uploadedAt was. */
function uploadToLoadedSeconds(run: Run, loadedAt: Date): number | undefined {
  const uploadedAt = run.facts.file?.uploadedAt;
  if (uploadedAt === undefined) return undefined;
  return Math.max(0, (loadedAt.getTime() - Date.parse(uploadedAt)) / 1000);
}
