// The ledger's look-ups for duplicate content and re-sends, and the compare-and-set by which a re-send claims the
// rows it replaces.
import { type Kysely, sql } from 'kysely';
import type { LoadedRun } from '../core/contracts/content-verdict.js';
import type { RunState } from './run-states.js';
import type { Database, RunRow } from './tables.js';

/** Runs whose rows are in the target table. */
const loadedStates: readonly RunState[] = ['LOADED', 'TRANSFORMED', 'TRANSFORM_FAILED'];
/** A duplicate is judged against finished loads only (the "already LOADED/TRANSFORMED"). */
const duplicateStates: readonly RunState[] = ['LOADED', 'TRANSFORMED'];
const inFlightStates: readonly RunState[] = ['RECEIVED', 'SUBMITTED'];

/**
 * The newest loaded run of the rule with these bytes under another key, through ferry_run_rule_hash_idx. A run whose
 * rows were replaced (or are being replaced) no longer counts.
 */
export async function findSameContent(
  db: Kysely<Database>,
  query: { ruleId: number; sha256: string; bucket: string; key: string },
): Promise<LoadedRun | undefined> {
  const row = await db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('ext_file_config_sid', '=', query.ruleId)
    .where('content_hash', '=', query.sha256)
    .where('state', 'in', [...duplicateStates])
    .where('superseded_by', 'is', null)
    .where((eb) => eb.or([eb('bucket', '!=', query.bucket), eb('object_key', '!=', query.key)]))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && loadedRun(row);
}

export interface CurrentLoad {
  run: LoadedRun;
  /** The re-send that claimed its rows, when one did and has not failed. */
  claimedBy?: { runId: string; inFlight: boolean };
  /** Compare-and-set value: the claim as it stands (null, or a claim by a run that failed). */
  claim: string | null;
}

/**
 * The loaded run of the rule and key whose rows are current: not replaced by a run that loaded. Found through the
 * (bucket, object_key, etag) index. A claim by a run that failed or was retired does not count.
 */
export async function currentLoadOfKey(
  db: Kysely<Database>,
  query: { ruleId: number; bucket: string; key: string; exceptRunId: string },
): Promise<CurrentLoad | undefined> {
  const row = await db
    .selectFrom('rdscnfg.ferry_run as run')
    .leftJoin('rdscnfg.ferry_run as holder', 'holder.run_id', 'run.superseded_by')
    .selectAll('run')
    .select(['holder.state as holder_state', 'holder.retired_at as holder_retired_at'])
    .where('run.bucket', '=', query.bucket)
    .where('run.object_key', '=', query.key)
    .where('run.ext_file_config_sid', '=', query.ruleId)
    .where('run.state', 'in', [...loadedStates])
    .where('run.run_id', '!=', query.exceptRunId)
    .where((eb) =>
      eb.or([
        eb('run.superseded_by', 'is', null),
        eb('holder.state', 'is', null),
        eb('holder.state', 'not in', [...loadedStates]),
      ]),
    )
    .orderBy('run.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const holder = row.superseded_by;
  const live =
    holder !== null &&
    row.holder_state !== null &&
    row.holder_retired_at === null &&
    (inFlightStates as readonly string[]).includes(row.holder_state);
  return {
    run: loadedRun(row),
    claim: holder,
    ...(live ? { claimedBy: { runId: holder, inFlight: true } } : {}),
  };
}

/**
 * Another live run of the same object key, claimed before this one, still on its way to the warehouse. A RECEIVED
 * claim untouched since `staleBefore` was left by an invocation that died and does not count.
 */
export async function earlierRunInFlight(
  db: Kysely<Database>,
  run: { id: string; bucket: string; key: string; createdAt: Date },
  staleBefore: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('rdscnfg.ferry_run')
    .select('run_id')
    .where('bucket', '=', run.bucket)
    .where('object_key', '=', run.key)
    .where('run_id', '!=', run.id)
    .where('retired_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'SUBMITTED'),
        eb.and([eb('state', '=', 'RECEIVED'), eb('updated_at', '>=', staleBefore)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('created_at', '<', run.createdAt),
        eb.and([eb('created_at', '=', run.createdAt), eb('run_id', '<', run.id)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row?.run_id;
}

/**
 * Compare-and-set: `by` claims the rows of `runId` when the claim still stands as `from` (null, or a failed run's).
 * Of two re-sends racing for the same rows exactly one wins.
 */
export async function claimRows(
  db: Kysely<Database>,
  runId: string,
  by: string,
  from: string | null,
): Promise<boolean> {
  let query = db
    .updateTable('rdscnfg.ferry_run')
    .set({ superseded_by: by, updated_at: sql`now()` })
    .where('run_id', '=', runId);
  query = from === null ? query.where('superseded_by', 'is', null) : query.where('superseded_by', '=', from);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function loadedRun(row: RunRow): LoadedRun {
  const { loadedAt } = row.details as { loadedAt?: unknown };
  const stamped = typeof loadedAt === 'string';
  return {
    runId: row.run_id,
    key: row.object_key,
    loadedAt: stamped ? loadedAt : new Date(row.updated_at).toISOString(),
    stamped,
    sha256: row.content_hash,
  };
}
