// Nothing lost, nothing loaded twice: where every file that entered the input folder ended up, checked.
import type { Kysely } from 'kysely';
import { queryWarehouse } from '../../lib/cli/warehouse/query-warehouse.js';
import { fileNameOf, MAX_KEY_BYTES } from '../../lib/core/keys/object-key.js';
import { qualifiedName, quoteLiteral } from '../../lib/core/load-sql/sql-text.js';
import type { ObjectStore } from '../../lib/ports/object-store.js';
import type { StatementResult, Warehouse } from '../../lib/ports/warehouse.js';
import type { Database, RunRow } from '../../lib/records/tables.js';

/** The parts of a runtime the invariants read (a LocalRuntime or TestRuntime fits; so do wrapped ports). */
export interface InvariantRuntime {
  readonly store: ObjectStore;
  readonly warehouse: Warehouse;
  readonly config: { readonly db: Kysely<Database> };
  readonly settings: { inputPrefix: string; processingPrefix: string; archivePrefix: string };
}

export type FileFate =
  | { kind: 'loaded'; key: string; run: RunRow; archiveKey: string; rows: number }
  | { kind: 'split'; key: string; run: RunRow; archiveKey: string; parts: FileFate[] }
  | { kind: 'failed'; key: string; run: RunRow; archiveKey: string; reason: string }
  | { kind: 'input'; key: string; run: RunRow | undefined };

const loadedStates = ['LOADED', 'TRANSFORMED', 'TRANSFORM_FAILED'];
const failedStates = ['FAILED', 'ABORTED'];
// `<name>_<yyyy-MM-dd-HH-mm-ss>` with the `-1`, `-2`… a taken archive key gets.
const stampPattern = /_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}(-\d+)?$/;

/**
 * Asserts that the file first put at `key` is in exactly one place: loaded (its one archive copy under
 * `archive/<cid>/`, its rows in the target exactly once), split (parent archived once, every part accounted for),
 * failed (its one copy under `archive/error/`, an audit row with the reason, no rows anywhere), or still in the
 * input (no archive copy, no rows). In every final state nothing the run wrote is left in `processing/`.
 * Throws an Error naming what was expected and what was found; resolves to the fate.
 */
export async function assertFileAccountedFor(runtime: InvariantRuntime, key: string): Promise<FileFate> {
  const problems: string[] = [];
  const fate = await fateOf(runtime, key, problems);
  if (problems.length > 0) throw new Error(`${key}: ${problems.join('; ')}`);
  return fate;
}

/** `assertFileAccountedFor` for each key; all problems are gathered before anything throws. */
export async function assertNothingLost(
  runtime: InvariantRuntime,
  keys: readonly string[],
): Promise<FileFate[]> {
  const fates: FileFate[] = [];
  const problems: string[] = [];
  for (const key of keys) {
    try {
      fates.push(await assertFileAccountedFor(runtime, key));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) {
    throw new Error(`expected every file accounted for, found ${problems.length}:\n${problems.join('\n')}`);
  }
  return fates;
}

async function fateOf(runtime: InvariantRuntime, key: string, problems: string[]): Promise<FileFate> {
  const { store } = runtime;
  const runs = await liveRuns(runtime.config.db, key);
  if (runs.length > 1) problems.push(`expected at most one live run, found ${runs.length}`);
  const run = runs[0];
  const inInput = (await store.head(key)) !== undefined;
  const namesakes = await namesakeRuns(runtime.config.db, key);
  const theirs = new Set(namesakes.flatMap(archivedOriginals));
  const copies = (await archiveCopies(runtime, fileNameOf(key))).filter((copy) => !theirs.has(copy));
  const places = (inInput ? 1 : 0) + copies.length;
  if (places !== 1) {
    const where = [...(inInput ? [key] : []), ...copies].join(', ') || 'nowhere';
    problems.push(`expected the file in exactly one place, found it in ${places}: ${where}`);
  }
  if (run !== undefined && run.state !== 'RECEIVED' && run.state !== 'SUBMITTED') {
    const left = await presentKeys(store, run.prepared_keys);
    if (left.length > 0) problems.push(`expected no prepared objects left, found ${left.join(', ')}`);
  }
  const errorFolder = `${archiveFolder(runtime)}/error/`;
  const copy = copies[0];
  if (inInput || copy === undefined) {
    if (run !== undefined && (loadedStates.includes(run.state) || run.state === 'SPLIT')) {
      problems.push(`expected a ${run.state} run's file in the archive, found it still in the input`);
    }
    await expectRows(runtime, run, fileNameOf(key), 0, namesakes, problems);
    return { kind: 'input', key, run };
  }
  if (run === undefined) {
    problems.push(`expected a run for the archived copy ${copy}, found none`);
    return { kind: 'input', key, run };
  }
  if (copy.startsWith(errorFolder)) {
    if (!failedStates.includes(run.state)) {
      problems.push(`expected a FAILED or ABORTED run for ${copy}, found ${run.state}`);
    }
    const reason = await auditReason(runtime.config.db, run, problems);
    // A load whose row counts did not add up failed after its rows were committed: they stay, and are counted.
    await expectRows(runtime, run, fileNameOf(key), run.rows_loaded ?? 0, namesakes, problems);
    return { kind: 'failed', key, run, archiveKey: copy, reason };
  }
  if (run.state === 'SPLIT') {
    const parts: FileFate[] = [];
    for (const partKey of partKeysOf(run)) parts.push(await fateOf(runtime, partKey, problems));
    return { kind: 'split', key, run, archiveKey: copy, parts };
  }
  if (!loadedStates.includes(run.state)) {
    problems.push(`expected a loaded run for ${copy}, found ${run.state}`);
  }
  const rows = run.rows_loaded ?? 0;
  if (run.rows_loaded === null) problems.push('expected the loaded run to record rows_loaded, found null');
  reconcileRows(run, problems);
  await expectRows(runtime, run, fileNameOf(key), rows, namesakes, problems);
  return { kind: 'loaded', key, run, archiveKey: copy, rows };
}

/**
 * Rows loaded + rows rejected = the records validated (the trailer's count, else the data lines counted), for a
 * loaded run whose file was read; rows_rejected may still be unknown while its follow-up runs.
 */
function reconcileRows(run: RunRow, problems: string[]): void {
  const number = (name: string) => {
    const value = run.details[name];
    return typeof value === 'number' ? value : undefined;
  };
  const validated = number('trailerCount') ?? number('records');
  if (validated === undefined || run.rows_loaded === null || run.rows_rejected === null) return;
  const rejected = run.rows_rejected;
  if (run.rows_loaded + rejected !== validated) {
    problems.push(
      `expected rows loaded + rejected to equal the ${validated} records validated, found ` +
        `${run.rows_loaded} + ${rejected}`,
    );
  }
}

function liveRuns(db: Kysely<Database>, key: string): Promise<RunRow[]> {
  return db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('object_key', '=', key)
    .where('retired_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/**
 * Live runs of other keys with the same base name (`a/X.txt` beside `b/X.txt`): their archive copies and their rows,
 * stamped with the same file name, are theirs, not this file's.
 */
async function namesakeRuns(db: Kysely<Database>, key: string): Promise<RunRow[]> {
  const fileName = fileNameOf(key);
  const runs = await db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('object_key', '!=', key)
    .where('object_key', 'like', `%${fileName.replace(/[\\%_]/g, '\\$&')}`)
    .where('retired_at', 'is', null)
    .execute();
  return runs.filter((run) => fileNameOf(run.object_key) === fileName);
}

/** Where a run's original was archived, as the run recorded it. */
function archivedOriginals(run: RunRow): string[] {
  const { archiveKey, archivedKeys, originalReplaced } = run.details as {
    archiveKey?: unknown;
    archivedKeys?: unknown;
    originalReplaced?: unknown;
  };
  if (typeof archiveKey === 'string') return [archiveKey];
  if (originalReplaced === true) return [];
  if (Array.isArray(archivedKeys) && typeof archivedKeys[0] === 'string') return [archivedKeys[0]];
  return [];
}

function archiveFolder(runtime: InvariantRuntime): string {
  return runtime.settings.archivePrefix.replace(/\/+$/, '');
}

/** Archive copies of the original (not the `preprocessed_file_` copies) under any archive sub-folder. */
async function archiveCopies(runtime: InvariantRuntime, fileName: string): Promise<string[]> {
  const copies: string[] = [];
  for await (const object of runtime.store.list(`${archiveFolder(runtime)}/`)) {
    const name = fileNameOf(object.key);
    const stamp = stampPattern.exec(name);
    if (stamp === null) continue;
    const stem = name.slice(0, stamp.index);
    // A name too long for S3's 1,024-byte keys is archived cut short, its stamp kept.
    const cut = Buffer.byteLength(object.key, 'utf8') > MAX_KEY_BYTES - 8 && fileName.startsWith(stem);
    if (stem === fileName || cut) copies.push(object.key);
  }
  return copies;
}

async function presentKeys(store: ObjectStore, keys: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const key of keys) if ((await store.head(key)) !== undefined) present.push(key);
  return present;
}

function partKeysOf(run: RunRow): string[] {
  const parts = Array.isArray(run.details.parts) ? (run.details.parts as { key?: unknown }[]) : [];
  return parts.map((part) => part.key).filter((key): key is string => typeof key === 'string');
}

async function auditReason(db: Kysely<Database>, run: RunRow, problems: string[]): Promise<string> {
  const audits = await db
    .selectFrom('rdscnfg.ext_file_audit')
    .select(['file_process_status', 'error_msg'])
    .where('run_id', '=', run.run_id)
    .execute();
  if (audits.length !== 1) {
    problems.push(`expected one audit row for run ${run.run_id}, found ${audits.length}`);
    return '';
  }
  const [audit] = audits;
  if (audit === undefined || !audit.error_msg) {
    problems.push(`expected the audit row to give the reason, found ${JSON.stringify(audit?.error_msg)}`);
    return '';
  }
  return audit.error_msg;
}

/**
 * Rows stamped with the file's name in the run's target table (skipped when the rule has no valid target), besides
 * the rows its namesakes recorded loading into the same table.
 */
async function expectRows(
  runtime: InvariantRuntime,
  run: RunRow | undefined,
  fileName: string,
  own: number,
  namesakes: readonly RunRow[],
  problems: string[],
): Promise<void> {
  const table = await targetOf(runtime, run);
  if (table === undefined) return;
  let expected = own;
  for (const other of namesakes) {
    if ((await targetOf(runtime, other)) === table) expected += Number(other.rows_loaded ?? 0);
  }
  const count = await countRows(runtime.warehouse, table, fileName);
  if (count !== expected) {
    problems.push(`expected ${expected} rows stamped ${fileName} in ${table}, found ${count}`);
  }
}

async function targetOf(runtime: InvariantRuntime, run: RunRow | undefined): Promise<string | undefined> {
  if (run?.ext_file_config_sid == null) return undefined;
  const rule = await runtime.config.db
    .selectFrom('rdscnfg.ext_file_config')
    .select(['tgt_schema_name', 'tgt_table_name'])
    .where('ext_file_config_sid', '=', run.ext_file_config_sid)
    .executeTakeFirst();
  if (!rule?.tgt_schema_name || !rule.tgt_table_name) return undefined;
  try {
    return qualifiedName(rule.tgt_schema_name, rule.tgt_table_name);
  } catch {
    // A hostile table name never reached the warehouse; there is nothing to count.
    return undefined;
  }
}

async function countRows(warehouse: Warehouse, table: string, fileName: string): Promise<number> {
  const sql = `select count(*) from ${table} where file_name = ${quoteLiteral(fileName)}`;
  try {
    return Number((await query(warehouse, sql)).rows[0]?.[0] ?? 0);
  } catch (error) {
    // A config naming a table that does not exist loads nothing into it.
    if (/does not exist/i.test(error instanceof Error ? error.message : String(error))) return 0;
    throw error;
  }
}

/** The local stand-in says when it is idle, so no polling there; any other warehouse is polled. */
async function query(warehouse: Warehouse, sql: string): Promise<StatementResult> {
  const drain = (warehouse as { drain?: () => Promise<void> }).drain;
  if (typeof drain !== 'function') return queryWarehouse(warehouse, sql, { pollMs: 5 });
  const { id } = await warehouse.submit({ name: 'ferry-invariants', sqls: [sql], withEvent: false });
  await drain.call(warehouse);
  const description = await warehouse.describe(id);
  if (description.status !== 'FINISHED') {
    throw new Error(`expected the count to finish, found ${description.status}: ${description.error}`);
  }
  return warehouse.results(id);
}
