// After a load, rows loaded + rows rejected must equal the records the processing function validated.
import type { RunRow } from '../../records/tables.js';
import { detailNumber } from './run-facts.js';

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
export function recordsValidated(run: RunRow): { records: number; source: string } | null {
  const trailer = detailNumber(run, 'trailerCount');
  if (trailer !== null) return { records: trailer, source: 'the trailer count' };
  const counted = detailNumber(run, 'records');
  return counted === null ? null : { records: counted, source: 'the data lines counted' };
}

/**
 * Undefined when the counts agree (or one of them is unknown); otherwise the failure, expected and found. Rows
 * rejected under MAXERROR count toward the sum. A mismatch means Ferry or the warehouse lost or invented rows:
 * the loaded object was not the one validated.
 */
export function rowCountMismatch(run: RunRow, counts: LoadCounts): string | undefined {
  const validated = recordsValidated(run);
  const { rowsLoaded, rowsRejected } = counts;
  if (validated === null || rowsLoaded === null || rowsRejected === null) return undefined;
  if (rowsLoaded + rowsRejected === validated.records) return undefined;
  return (
    `expected rows loaded + rejected to equal the ${validated.records} records validated (${validated.source}), ` +
    `found ${rowsLoaded} loaded + ${rowsRejected} rejected = ${rowsLoaded + rowsRejected}`
  );
}
