// The run ledger: claims an object exactly once per (bucket, key, ETag) and moves runs between states atomically.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { storableJsonValue, storableText } from '../core/text/safe-text.js';
import type { RunState } from './run-states.js';
import type { Database, RunRow, RunUpdate } from './tables.js';

export interface ObjectIdentity {
  bucket: string;
  key: string;
  etag: string;
  size?: number;
}

export type Claim = { claimed: true; run: RunRow } | { claimed: false; run: RunRow };

/**
 * Inserts a RECEIVED run for the object unless a live one exists. The partial unique index decides:
 * of any number of concurrent deliveries, exactly one insert succeeds.
 */
export async function claimRun(
  db: Kysely<Database>,
  object: ObjectIdentity,
  extra: { parentRunId?: string; runId?: string } = {},
): Promise<Claim> {
  const inserted = await db
    .insertInto('rdscnfg.ferry_run')
    .values({
      run_id: extra.runId ?? randomUUID(),
      bucket: object.bucket,
      object_key: object.key,
      etag: object.etag,
      size_bytes: object.size ?? null,
      state: 'RECEIVED',
      parent_run_id: extra.parentRunId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['bucket', 'object_key', 'etag']).where('retired_at', 'is', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { claimed: true, run: inserted };
  const existing = await db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('bucket', '=', object.bucket)
    .where('object_key', '=', object.key)
    .where('etag', '=', object.etag)
    .where('retired_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { claimed: false, run: existing };
}

/**
 * Compare-and-set: moves the run to `to` only if it is in one of `from`. Returns the updated run, or undefined when
 * another delivery got there first — the caller then does nothing.
 */
export async function transitionRun(
  db: Kysely<Database>,
  runId: string,
  from: readonly RunState[],
  to: RunState,
  patch: Omit<RunUpdate, 'run_id' | 'state'> = {},
): Promise<RunRow | undefined> {
  return db
    .updateTable('rdscnfg.ferry_run')
    .set({ ...storable(patch), state: to, updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .where('state', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

/** Updates fields without changing state (e.g. recording the audit id or details). */
export async function updateRun(
  db: Kysely<Database>,
  runId: string,
  patch: Omit<RunUpdate, 'run_id' | 'state'>,
): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ ...storable(patch), updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .execute();
}

type RunPatch = Omit<RunUpdate, 'run_id' | 'state'>;

/** The records' last guard: an error or detail quoting a file's NUL must not make the ledger write fail. */
function storable(patch: RunPatch): RunPatch {
  const safe = { ...patch };
  if (safe.error !== undefined) safe.error = storableText(safe.error);
  if (safe.details !== undefined) safe.details = storableJsonValue(safe.details);
  return safe;
}

export async function getRun(db: Kysely<Database>, runId: string): Promise<RunRow | undefined> {
  return db.selectFrom('rdscnfg.ferry_run').selectAll().where('run_id', '=', runId).executeTakeFirst();
}

export async function listRuns(
  db: Kysely<Database>,
  filter: { states?: readonly RunState[]; updatedBefore?: Date; limit?: number } = {},
): Promise<RunRow[]> {
  let query = db.selectFrom('rdscnfg.ferry_run').selectAll().where('retired_at', 'is', null);
  if (filter.states) query = query.where('state', 'in', [...filter.states]);
  if (filter.updatedBefore) query = query.where('updated_at', '<', filter.updatedBefore);
  return query
    .orderBy('created_at', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
}

/** Lets the same object run again (reprocess): the retired run keeps its history. */
export async function retireRun(db: Kysely<Database>, runId: string): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ retired_at: sql`now()`, updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .execute();
}
