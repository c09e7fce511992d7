// The notification a run of the processing function sends: a failure before submission, or a split.
import type { FileStatus, FileStatusMessage } from '../../ports/notifier.js';
import { elapsed, type RunContext } from './run-context.js';

export function statusMessage(
  run: RunContext,
  status: FileStatus,
  outcome: { error?: string; rowsLoaded?: number } = {},
): FileStatusMessage {
  const { rule } = run;
  const failed = status === 'FAILED';
  return {
    fileName: run.fileName,
    interface: rule?.interfaceId ?? run.interfaceId ?? null,
    targetTable: rule?.target ? `${rule.target.schema}.${rule.target.table}` : null,
    status,
    success: !failed,
    rowsLoaded: outcome.rowsLoaded ?? null,
    rowsRejected: null,
    error: outcome.error ?? null,
    auditId: run.auditId ?? null,
    runId: run.runId,
    durationMs: elapsed(run.deps, run.startedAt),
    ...(failed ? { customErrorMessage: run.deps.settings.customErrorMessage ?? null } : {}),
  };
}
