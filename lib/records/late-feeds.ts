// Missed arrivals: one row per feed and due instant, so a miss is noticed once however often it is evaluated.
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/** When the feed's latest file arrived (its newest run, retired or not), if any ever did. */
export async function lastArrival(db: Kysely<Database>, ruleId: number): Promise<Date | undefined> {
  const row = await db
    .selectFrom('rdscnfg.ferry_run')
    .select((eb) => eb.fn.max('created_at').as('last'))
    .where('ext_file_config_sid', '=', ruleId)
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : undefined;
}

/** True when this call noticed the miss first (the caller notifies); false when an earlier pass had. */
export async function noticeMiss(
  db: Kysely<Database>,
  miss: { ruleId: number; dueAt: Date; lastArrival: Date | undefined },
): Promise<boolean> {
  const inserted = await db
    .insertInto('rdscnfg.ferry_late_feed')
    .values({ ext_file_config_sid: miss.ruleId, due_at: miss.dueAt, last_arrival: miss.lastArrival ?? null })
    .onConflict((oc) => oc.columns(['ext_file_config_sid', 'due_at']).doNothing())
    .returning('ext_file_config_sid')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A feed whose latest miss has not been answered by a file since. */
export interface LateFeed {
  ruleId: number;
  interfaceId: string | null;
  dueAt: Date;
  lastArrival: Date | null;
}

/** Feeds late now: their newest miss has no run of the feed created after its due instant. */
export async function lateFeeds(db: Kysely<Database>): Promise<LateFeed[]> {
  const rows = await db
    .selectFrom('rdscnfg.ferry_late_feed as miss')
    .leftJoin('rdscnfg.ext_file_config as rule', 'rule.ext_file_config_sid', 'miss.ext_file_config_sid')
    .select(['miss.ext_file_config_sid', 'rule.ext_interface_cid', 'miss.due_at', 'miss.last_arrival'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('rdscnfg.ferry_late_feed as later')
            .select('later.due_at')
            .whereRef('later.ext_file_config_sid', '=', 'miss.ext_file_config_sid')
            .whereRef('later.due_at', '>', 'miss.due_at'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('rdscnfg.ferry_run as run')
            .select('run.run_id')
            .whereRef('run.ext_file_config_sid', '=', 'miss.ext_file_config_sid')
            .whereRef('run.created_at', '>', 'miss.due_at'),
        ),
      ),
    )
    .orderBy('miss.ext_file_config_sid')
    .execute();
  return rows.map((row) => ({
    ruleId: row.ext_file_config_sid,
    interfaceId: row.ext_interface_cid === null ? null : String(row.ext_interface_cid),
    dueAt: new Date(row.due_at),
    lastArrival: row.last_arrival === null ? null : new Date(row.last_arrival),
  }));
}
