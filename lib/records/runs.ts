// The run ledger: claims an object exactly once per (bucket, key, ETag) and moves runs between states atomically.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { storableJsonValue, storableText } from '../core/text/safe-text.js';
import { type AuditOutcome, recordAuditOutcome, trimErrorMessage } from './audit.js';
import type { Run, RunChange } from './run.js';
import { detailsFromFacts } from './run-details.js';
import { runFromRow } from './run-row.js';
import type { RunState } from './run-states.js';
import type { Database, RunUpdate } from './tables.js';

export interface ObjectIdentity {
  bucket: string;
  key: string;
  etag: string;
  size?: number;
}

export type Claim = { claimed: true; run: Run } | { claimed: false; run: Run };

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
  if (inserted) return { claimed: true, run: runFromRow(inserted) };
  const existing = await db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('bucket', '=', object.bucket)
    .where('object_key', '=', object.key)
    .where('etag', '=', object.etag)
    .where('retired_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { claimed: false, run: runFromRow(existing) };
}

/**
 * Compare-and-set: moves the run to `to` only if it is in one of `from`. Returns the updated run, or undefined when
 * another delivery got there first — the caller then does nothing.
 */
export async function moveRun(
  db: Kysely<Database>,
  runId: string,
  from: readonly RunState[],
  to: RunState,
  change: RunChange = {},
): Promise<Run | undefined> {
  const row = await transitionRun(db, runId, from, to, columnsOf(change));
  return row === undefined ? undefined : runFromRow(row);
}

/**
 * `moveRun` and the run's audit outcome in one transaction: only the delivery that moves the run writes its audit row.
 * Two outcomes racing for one run (a post-load SQL's and a late row-count failure's) cannot then leave the audit row
 * saying one and the ledger the other.
 */
export async function moveRunAudited(
  db: Kysely<Database>,
  move: { runId: string; from: readonly RunState[]; to: RunState; change?: RunChange },
  audit: { auditId: number | null; outcome: AuditOutcome },
): Promise<Run | undefined> {
  return db.transaction().execute(async (trx) => {
    const moved = await moveRun(trx, move.runId, move.from, move.to, move.change);
    if (moved !== undefined && audit.auditId !== null)
      await recordAuditOutcome(trx, audit.auditId, audit.outcome);
    return moved;
  });
}

/**
 * The compare-and-set in the table's own words, under `moveRun`. Tests seed runs with it (a hand-written details
 * string is stored as the object it spells).
 */
export async function transitionRun(
  db: Kysely<Database>,
  runId: string,
  from: readonly RunState[],
  to: RunState,
  patch: RunPatch = {},
) {
  return db
    .updateTable('rdscnfg.ferry_run')
    .set({ ...storable(patch), state: to, updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .where('state', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

/** Changes fields without changing state (e.g. recording the statement id, or what archiving did). */
export async function updateRun(db: Kysely<Database>, runId: string, change: RunChange): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ ...storable(columnsOf(change)), updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .execute();
}

type RunPatch = Omit<RunUpdate, 'run_id' | 'state'>;

function columnsOf(change: RunChange): RunPatch {
  const columns: RunPatch = {};
  if (change.ruleId !== undefined) columns.ext_file_config_sid = change.ruleId;
  if (change.interfaceId !== undefined) columns.ext_interface_cid = change.interfaceId;
  if (change.auditId !== undefined) columns.ext_file_audit_sid = change.auditId;
  if (change.statementId !== undefined) columns.statement_id = change.statementId;
  if (change.transformStatementId !== undefined) columns.transform_statement_id = change.transformStatementId;
  if (change.preparedKeys !== undefined) columns.prepared_keys = change.preparedKeys;
  if (change.facts !== undefined) columns.details = detailsFromFacts(change.facts);
  if (change.error !== undefined) columns.error = trimErrorMessage(change.error);
  if (change.rowsLoaded !== undefined) columns.rows_loaded = change.rowsLoaded;
  if (change.rowsRejected !== undefined) columns.rows_rejected = change.rowsRejected;
  if (change.contentHash !== undefined) columns.content_hash = change.contentHash;
  return columns;
}

/** The records' last guard: an error or detail quoting a file's NUL must not make the ledger write fail. */
function storable(patch: RunPatch): RunPatch {
  const safe = { ...patch };
  if (safe.error !== undefined) safe.error = storableText(safe.error);
  // Always an object: a string would be stored as the JSON text it spells, but only by the grace of the driver.
  if (typeof safe.details === 'string') safe.details = JSON.parse(safe.details) as Record<string, unknown>;
  if (safe.details !== undefined) safe.details = storableJsonValue(safe.details);
  return safe;
}

export async function getRun(db: Kysely<Database>, runId: string): Promise<Run | undefined> {
  const row = await db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return row === undefined ? undefined : runFromRow(row);
}

export async function listRuns(
  db: Kysely<Database>,
  filter: { states?: readonly RunState[]; updatedBefore?: Date; limit?: number } = {},
): Promise<Run[]> {
  let query = db.selectFrom('rdscnfg.ferry_run').selectAll().where('retired_at', 'is', null);
  if (filter.states) query = query.where('state', 'in', [...filter.states]);
  if (filter.updatedBefore) query = query.where('updated_at', '<', filter.updatedBefore);
  const rows = await query
    .orderBy('created_at', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(runFromRow);
}

/** A newer version of the run's key was claimed after it: the key was overwritten. */
export async function replacedLater(db: Kysely<Database>, run: Run): Promise<boolean> {
  const newer = await db
    .selectFrom('rdscnfg.ferry_run')
    .select('run_id')
    .where('bucket', '=', run.bucket)
    .where('object_key', '=', run.key)
    .where('etag', '!=', run.etag)
    .where('created_at', '>', run.createdAt)
    .executeTakeFirst();
  return newer !== undefined;
}

/** Lets the same object run again (reprocess): the retired run keeps its history. */
export async function retireRun(db: Kysely<Database>, runId: string): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ retired_at: sql`now()`, updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .execute();
}

/**
 * Retires a run that never reached the warehouse, so the object can be claimed again; the row stays as history.
 * A run the status function already moved on (its load ran although submit reported an error) is kept.
 */
export async function releaseClaim(
  db: Kysely<Database>,
  runId: string,
  reason: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ state: 'RECEIVED', retired_at: at, error: trimErrorMessage(reason), updated_at: sql`now()` })
    .where('run_id', '=', runId)
    .where('retired_at', 'is', null)
    .where('state', 'in', ['RECEIVED', 'SUBMITTED'])
    .execute();
}
