// The last loaded sequence number of each feed: the only writer of ferry_feed_sequence.
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export async function lastSequence(db: Kysely<Database>, ruleId: number): Promise<bigint | undefined> {
  const row = await db
    .selectFrom('rdscnfg.ferry_feed_sequence')
    .select('last_sequence')
    .where('ext_file_config_sid', '=', ruleId)
    .executeTakeFirst();
  return row === undefined ? undefined : BigInt(row.last_sequence);
}

/**
 * Records a loaded file's number. The feed's row is locked while compared, so concurrent loads cannot move it back:
 * it only ever grows (a late load of an older file leaves it). True when it moved.
 */
export async function advanceSequence(
  db: Kysely<Database>,
  ruleId: number,
  sequence: bigint,
  runId: string,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('rdscnfg.ferry_feed_sequence')
      .values({ ext_file_config_sid: ruleId, last_sequence: sequence.toString(), run_id: runId })
      .onConflict((oc) => oc.column('ext_file_config_sid').doNothing())
      .returning('ext_file_config_sid')
      .executeTakeFirst();
    if (inserted) return true;
    const row = await tx
      .selectFrom('rdscnfg.ferry_feed_sequence')
      .select('last_sequence')
      .where('ext_file_config_sid', '=', ruleId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (BigInt(row.last_sequence) >= sequence) return false;
    await tx
      .updateTable('rdscnfg.ferry_feed_sequence')
      .set({ last_sequence: sequence.toString(), run_id: runId, updated_at: new Date() })
      .where('ext_file_config_sid', '=', ruleId)
      .execute();
    return true;
  });
}
