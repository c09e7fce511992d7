// Runs waiting on a statement longer than they should: a load still SUBMITTED, or a LOADED run's post-load SQL in flight.
import type { Kysely } from 'kysely';
import type { Run } from './run.js';
import { runFromRow } from './run-row.js';
import type { Database } from './tables.js';
import { PENDING_TRANSFORM } from './transform-claim.js';

/**
 * Oldest first, at most `limit`. A LOADED run waits on its post-load SQL when transform_statement_id holds a
 * statement id (not null, not the submission claim); the (state, updated_at) index serves both halves.
 */
export async function overdueRuns(
  db: Kysely<Database>,
  filter: { updatedBefore: Date; limit: number },
): Promise<Run[]> {
  const rows = await db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('retired_at', 'is', null)
    .where('updated_at', '<', filter.updatedBefore)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'SUBMITTED'),
        eb.and([
          eb('state', '=', 'LOADED'),
          eb('transform_statement_id', 'is not', null),
          eb('transform_statement_id', '!=', PENDING_TRANSFORM),
        ]),
      ]),
    )
    .orderBy('updated_at', 'asc')
    .limit(filter.limit)
    .execute();
  return rows.map(runFromRow);
}
