// A replacing load that finished: how many of the earlier version's rows its DELETE removed, on the resend verdict,
// and the replaced run's audit row marked REPLACED.

import { withCheck } from '../../core/contracts/contract-check.js';
import { DELETE_STATEMENT_INDEX } from '../../core/load-sql/build-load.js';
import type { ContractCheck } from '../../ports/notifier.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { markAuditReplaced } from '../../records/replaced-audit.js';
import type { Run } from '../../records/run.js';
import { getRun } from '../../records/runs.js';
import type { StatusDependencies } from './status-dependencies.js';

export interface Replacement {
  replacedRunId: string;
  /**
   * The DELETE's row count: ResultRows is the number of rows a DELETE affected (Redshift Data API Reference,
   * SubStatementData). Null when not reported.
   */
  rowsDeleted: number | null;
  checks: ContractCheck[];
}

/** Undefined for a load that replaced nothing. */
export function replacementOf(run: Run, description: StatementDescription): Replacement | undefined {
  const replacedRunId = run.facts.load?.replacesRunId;
  if (replacedRunId === undefined) return undefined;
  const rows = description.subStatements[DELETE_STATEMENT_INDEX]?.resultRows;
  const rowsDeleted = rows === undefined || rows < 0 ? null : rows;
  const found = `replaces run ${replacedRunId}${rowsDeleted === null ? '' : ` (${rowsDeleted} rows deleted)`}`;
  const earlier = run.facts.contract?.checks?.find((check) => check.check === 'resend');
  const checks = withCheck(run.facts.contract?.checks, {
    ...earlier,
    check: 'resend',
    outcome: 'passed',
    found,
  });
  return { replacedRunId, rowsDeleted, checks };
}

/** Best effort: the new rows are committed whatever happens here; a failure is logged. */
export async function markReplaced(
  deps: StatusDependencies,
  run: Run,
  replacement: Replacement,
): Promise<void> {
  try {
    const replaced = await getRun(deps.db, replacement.replacedRunId);
    if (replaced?.auditId == null) return;
    const deleted = replacement.rowsDeleted === null ? '' : ` (${replacement.rowsDeleted} rows deleted)`;
    await markAuditReplaced(deps.db, replaced.auditId, `rows replaced by run ${run.id}${deleted}`);
  } catch (error) {
    deps.log.error(
      { runId: run.id, replacedRunId: replacement.replacedRunId, err: error },
      'replaced run not marked',
    );
  }
}
