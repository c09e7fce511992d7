// The notification a run of the processing function sends: a failure before submission, or a split.

import { statusMessage } from '../../core/notify/status-message.js';
import type { ContractCheck, FileStatus, FileStatusMessage } from '../../ports/notifier.js';
import type { RunContext } from './run-context.js';

export function runMessage(
  run: RunContext,
  status: FileStatus,
  outcome: { error?: string; rowsLoaded?: number; auditId?: number; checks?: readonly ContractCheck[] } = {},
): FileStatusMessage {
  const { rule, deps } = run;
  const custom = deps.settings.customErrorMessage;
  return statusMessage(
    {
      runId: run.runId,
      fileName: run.fileName,
      interfaceId: rule?.interfaceId ?? run.interfaceId ?? null,
      target: rule?.target ?? null,
      auditId: outcome.auditId ?? null,
      startedAt: run.startedAt,
      checks: outcome.checks,
      ...(custom === undefined ? {} : { customErrorMessage: custom }),
    },
    {
      status,
      rowsLoaded: outcome.rowsLoaded ?? null,
      rowsRejected: null,
      error: outcome.error ?? null,
      endedAt: deps.now(),
    },
  );
}
