// Facts of a run the status function works from: its rule, file name, interface, load time, and the message to send.

import { TerminalError } from '../../core/errors.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import type { Rule } from '../../core/rules/rule.js';
import type { FileStatus, FileStatusMessage } from '../../ports/notifier.js';
import { ruleById } from '../../records/rules/rule-by-id.js';
import type { RunRow } from '../../records/tables.js';
import type { StatusDependencies } from './status-dependencies.js';

export interface RunFacts {
  run: RunRow;
  rule: Rule;
  fileName: string;
  interfaceId: string;
  targetTable: string | null;
  createdAt: Date;
}

export async function runFacts(deps: StatusDependencies, run: RunRow): Promise<RunFacts> {
  if (run.ext_file_config_sid === null) {
    throw new TerminalError(`expected run ${run.run_id} to name its rule, found no ext_file_config_sid`, {
      context: { runId: run.run_id, key: run.object_key },
    });
  }
  const rule = await ruleById(deps.db, run.ext_file_config_sid);
  const fileName =
    typeof run.details.fileName === 'string' ? run.details.fileName : fileNameOf(run.object_key);
  return {
    run,
    rule,
    fileName,
    interfaceId: run.ext_interface_cid === null ? rule.interfaceId : String(Number(run.ext_interface_cid)),
    targetTable: rule.target ? `${rule.target.schema}.${rule.target.table}` : null,
    createdAt: new Date(run.created_at),
  };
}

/** A number the processing function recorded in `details`, when it did. */
export function detailNumber(run: RunRow, name: string): number | null {
  const value = run.details[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface MessageFacts {
  status: FileStatus;
  rowsLoaded: number | null;
  rowsRejected: number | null;
  error: string | null;
  endedAt: Date;
}

export function statusMessage(
  deps: StatusDependencies,
  facts: RunFacts,
  outcome: MessageFacts,
): FileStatusMessage {
  // Rows COPY rejected under max_errors are data that did not arrive: subscribers hear it as a failure.
  const rejected = (outcome.rowsRejected ?? 0) > 0;
  const success = (outcome.status === 'FINISHED' || outcome.status === 'TRANSFORMED') && !rejected;
  return {
    fileName: facts.fileName,
    interface: facts.interfaceId,
    targetTable: facts.targetTable,
    status: outcome.status,
    success,
    rowsLoaded: outcome.rowsLoaded,
    rowsRejected: outcome.rowsRejected,
    error: outcome.error,
    auditId: facts.run.ext_file_audit_sid,
    runId: facts.run.run_id,
    durationMs: Math.max(0, outcome.endedAt.getTime() - facts.createdAt.getTime()),
    customErrorMessage: success ? null : (deps.settings.customErrorMessage ?? null),
  };
}
