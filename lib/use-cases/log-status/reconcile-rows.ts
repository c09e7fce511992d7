// After a load, rows loaded + rows rejected must equal the records the processing function validated.

import { withCheck } from '../../core/contracts/contract-check.js';
import type { ContractCheck } from '../../ports/notifier.js';
import type { Run } from '../../records/run.js';

export interface LoadCounts {
  rowsLoaded: number | null;
  rowsRejected: number | null;
}

/**
 * The records a load must account for: the trailer's count when the file had one, else the data lines counted while
 * preparing (header, trailer and blank lines are not records; COPY skips them too, with IGNOREHEADER and
 * IGNOREBLANKLINES). Null when the file was loaded as it is, unread: nothing was counted to compare with.
 * A split part is a run of its own and counts its own records.
 */
export function recordsValidated(run: Pick<Run, 'facts'>): { records: number; source: string } | null {
  const { trailerCount, records } = run.facts.file ?? {};
  if (trailerCount !== undefined) return { records: trailerCount, source: 'the trailer count' };
  return records === undefined || records === null ? null : { records, source: 'the data lines counted' };
}

/**
 * Undefined when the counts agree (or one of them is unknown); otherwise the failure, expected and found. Rows
 * rejected under MAXERROR count toward the sum. A mismatch means Ferry or the warehouse lost or invented rows:
 * the loaded object was not the one validated.
 */
export function rowCountMismatch(run: Pick<Run, 'facts'>, counts: LoadCounts): string | undefined {
  const validated = recordsValidated(run);
  const { rowsLoaded, rowsRejected } = counts;
  if (validated === null || rowsLoaded === null || rowsRejected === null) return undefined;
  if (rowsLoaded + rowsRejected === validated.records) return undefined;
  return (
    `expected rows loaded + rejected to equal the ${validated.records} records validated (${validated.source}), ` +
    `found ${rowsLoaded} loaded + ${rowsRejected} rejected = ${rowsLoaded + rowsRejected}`
  );
}

/**
 * The trailer's count against what the warehouse accounted for, as the `control_count` check: it replaces the verdict
 * the processing function reached on the lines it counted. Undefined without a trailer count or known row counts.
 */
export function loadCountChecks(
  run: Pick<Run, 'facts'>,
  counts: LoadCounts,
  checks: readonly ContractCheck[] | undefined = run.facts.contract?.checks,
): ContractCheck[] | undefined {
  const trailerCount = run.facts.file?.trailerCount;
  const { rowsLoaded, rowsRejected } = counts;
  if (trailerCount === undefined || rowsLoaded === null || rowsRejected === null) return undefined;
  return withCheck(checks, {
    check: 'control_count',
    outcome: rowsLoaded + rowsRejected === trailerCount ? 'passed' : 'failed',
    expected: `${trailerCount} records`,
    found: `${rowsLoaded} loaded + ${rowsRejected} rejected rows`,
  });
}
