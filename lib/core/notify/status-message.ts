// The notification of how a run ended, from the processing function (failure, split) or the status function.

import type { ContractCheck, FileStatus, FileStatusMessage } from '../../ports/notifier.js';

/** Statuses that tell subscribers the file did not arrive. */
const failedStatuses: readonly FileStatus[] = ['FAILED', 'ABORTED', 'TRANSFORM_FAILED', 'HELD', 'LATE'];

export interface MessageSubject {
  runId: string;
  fileName: string;
  interfaceId: string | null;
  target: { schema: string; table: string } | null;
  auditId: number | null;
  /** When the run started (the duration is counted from it). */
  startedAt: Date;
  /** The operator's `custom_error_msg`, carried by failures only. */
  customErrorMessage?: string;
  /** The feed contract's verdicts recorded on the run. */
  checks?: readonly ContractCheck[];
}

export interface MessageOutcome {
  status: FileStatus;
  rowsLoaded: number | null;
  rowsRejected: number | null;
  error: string | null;
  endedAt: Date;
}

export function statusMessage(subject: MessageSubject, outcome: MessageOutcome): FileStatusMessage {
  // Rows COPY rejected under max_errors are data that did not arrive: subscribers hear it as a failure.
  const rejected = (outcome.rowsRejected ?? 0) > 0;
  const success = !failedStatuses.includes(outcome.status) && !rejected;
  return {
    fileName: subject.fileName,
    interface: subject.interfaceId,
    targetTable: subject.target ? `${subject.target.schema}.${subject.target.table}` : null,
    status: outcome.status,
    success,
    rowsLoaded: outcome.rowsLoaded,
    rowsRejected: outcome.rowsRejected,
    error: outcome.error,
    auditId: subject.auditId,
    runId: subject.runId,
    durationMs: Math.max(0, outcome.endedAt.getTime() - subject.startedAt.getTime()),
    customErrorMessage: success ? null : (subject.customErrorMessage ?? null),
    ...(subject.checks?.length ? { checks: [...subject.checks] } : {}),
  };
}
