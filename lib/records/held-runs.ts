// Runs kept in the input by a sequence contract (state HELD): found per feed, per key, or by age.
import type { Kysely } from 'kysely';
import type { Run } from './run.js';
import { runFromRow } from './run-row.js';
import type { Database } from './tables.js';

/** Live held runs, oldest first; of one feed, of one key, or held since before `updatedBefore`. */
export async function heldRuns(
  db: Kysely<Database>,
  filter: { ruleId?: number; key?: string; updatedBefore?: Date; limit?: number } = {},
): Promise<Run[]> {
  let query = db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('state', '=', 'HELD')
    .where('retired_at', 'is', null);
  if (filter.ruleId !== undefined) query = query.where('ext_file_config_sid', '=', filter.ruleId);
  if (filter.key !== undefined) query = query.where('object_key', '=', filter.key);
  if (filter.updatedBefore !== undefined) query = query.where('updated_at', '<', filter.updatedBefore);
  const rows = await query
    .orderBy('created_at')
    .orderBy('run_id')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(runFromRow);
}
