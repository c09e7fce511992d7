// What the processing function counts per S3 record: one metrics record per claimed or duplicate object.

import type { MetricOutcome } from '../../ports/metrics.js';
import type { ContractCheck } from '../../ports/notifier.js';
import type { Run } from '../../records/run.js';
import type { ProcessDependencies, RecordResult } from './process-dependencies.js';
import type { RunContext } from './run-context.js';

function outcomeOf(result: RecordResult): MetricOutcome {
  if (result.retry === true) return 'retried';
  if (result.status === 'failed') return 'failed';
  if (result.status === 'split') return 'split';
  if (result.status === 'skipped') return 'skipped';
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
        ...contentCounts(run.checks),
        // Only for rules that declare control totals: a plain trailer count keeps its metrics as they were.
        ...(run.rule?.controlTotals !== undefined && run.checks !== undefined
          ? { ControlChecksFailed: run.checks.filter(failedControlCheck).length }
          : {}),
      },
    },
    deps.now(),
  );
}

/** Counted when a duplicate or resend policy found something (a verdict with `found`), passed or not. */
function contentCounts(checks: RunContext['checks']): { DuplicateContent?: number; Resends?: number } {
  const found = (name: string) => (checks?.some((c) => c.check === name && c.found !== undefined) ? 1 : 0);
  if (!checks?.some((c) => c.check === 'duplicate' || c.check === 'resend')) return {};
  return { DuplicateContent: found('duplicate'), Resends: found('resend') };
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

function failedControlCheck(check: ContractCheck): boolean {
  return check.check.startsWith('control_') && check.outcome === 'failed';
}
