// What the processing function counts per S3 record: one metrics record per claimed or duplicate object.
import type { MetricOutcome } from '../../ports/metrics.js';
import type { Run } from '../../records/run.js';
import type { ProcessDependencies, RecordResult } from './process-dependencies.js';
import type { RunContext } from './run-context.js';

function outcomeOf(result: RecordResult): MetricOutcome {
  if (result.retry === true) return 'retried';
  if (result.status === 'failed') return 'failed';
  if (result.status === 'split') return 'split';
  return 'submitted';
}

/** A claimed run's record: received, its bytes and preparation time, and whether it failed or was released. */
export function recordRunMetrics(run: RunContext, result: RecordResult): void {
  const { deps } = run;
  const outcome = outcomeOf(result);
  const interfaceId = run.rule?.interfaceId ?? run.interfaceId;
  deps.metrics?.record(
    {
      ...(interfaceId === undefined ? {} : { interfaceId }),
      outcome,
      runId: run.runId,
      values: {
        FilesReceived: 1,
        BytesReceived: run.object.size,
        FilesFailed: outcome === 'failed' ? 1 : 0,
        FilesRetried: outcome === 'retried' ? 1 : 0,
        ...(run.prepareMs === undefined ? {} : { PrepareSeconds: run.prepareMs / 1000 }),
        // Only for rules that declare control totals: a plain trailer count keeps its metrics as they were.
        ...(run.contractChecks === undefined || run.rule?.controlTotals === undefined
          ? {}
          : { ControlChecksFailed: run.contractChecks.filter((check) => check.outcome === 'failed').length }),
      },
    },
    deps.now(),
  );
}

/** Another delivery of an object that already has a run. */
export function recordDuplicateMetrics(deps: ProcessDependencies, run: Run): void {
  deps.metrics?.record(
    {
      ...(run.interfaceId === null ? {} : { interfaceId: run.interfaceId }),
      outcome: 'duplicate',
      runId: run.id,
      values: { FilesDuplicate: 1 },
    },
    deps.now(),
  );
}
