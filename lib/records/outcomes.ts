// What became of some objects: their runs, and the runs of the parts they were split into.
import type { Kysely } from 'kysely';
import { factsFromDetails } from './run-details.js';
import type { RunState } from './run-states.js';
import type { Database } from './tables.js';

export interface RunOutcome {
  runId: string;
  key: string;
  parentRunId: string | null;
  /** In the audit table's words (see `auditWord`), or SKIPPED when nothing ran. */
  state: string;
  rowsLoaded: number | null;
  rowsRejected: number | null;
  error: string | null;
  auditId: number | null;
  /** Why nothing ran (e.g. the same bytes were already loaded). */
  note?: string;
}

export const failedRunStates: readonly RunState[] = ['FAILED', 'ABORTED', 'TRANSFORM_FAILED'];

/**
 * The ledger's state as the audit table (`ferry status`, the notifications, the original framework's users) names it:
 * a loaded run is FINISHED there, the Data API's word for the load statement. Every other state is the same word.
 */
export function auditWord(state: string): string {
  return state === 'LOADED' ? 'FINISHED' : state;
}

export async function runOutcomes(db: Kysely<Database>, keys: readonly string[]): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  let next = [...keys];
  // Split parts are runs of their own, named in the parent's details; follow them down (a part may be split too).
  for (let depth = 0; next.length > 0 && depth < 5; depth++) {
    const rows = await selectRuns(db).where('object_key', 'in', next).execute();
    outcomes.push(
      ...rows.map((row) => ({
        runId: row.run_id,
        key: row.object_key,
        parentRunId: row.parent_run_id,
        state: auditWord(row.state),
        rowsLoaded: row.rows_loaded,
        rowsRejected: row.rows_rejected,
        error: row.error,
        auditId: row.ext_file_audit_sid,
      })),
    );
    next = rows.flatMap((row) => (factsFromDetails(row.details).split?.parts ?? []).map((part) => part.key));
  }
  return outcomes;
}

function selectRuns(db: Kysely<Database>) {
  return db
    .selectFrom('rdscnfg.ferry_run')
    .select([
      'run_id',
      'object_key',
      'parent_run_id',
      'state',
      'rows_loaded',
      'rows_rejected',
      'error',
      'ext_file_audit_sid',
      'details',
    ])
    .where('retired_at', 'is', null)
    .orderBy('created_at');
}
