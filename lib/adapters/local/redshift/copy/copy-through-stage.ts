// Runs a staging pair (stage-insert.ts: COPY into a stage, INSERT … SELECT from it into the target) as one fast COPY
// straight into the target, each line carrying the INSERT's constants. The stand-in does this only where the outcome
// is the pair's to the byte — the same rows, stamps and row counts — and otherwise leaves the pair to run as written:
// the stage is empty and has the target's column types, every copied column goes once, by name, into a column of the
// same type, and the file passes the fast path's guard. Any error in the target (a NOT NULL, a constant too long)
// rolls back to the savepoint, and the pair runs as written, reaching that error its own way.
import type { StageInsert } from '../stage-insert.js';
import { translateRedshiftSql } from '../translate-sql.js';
import { loadTargetTable, quoteName, type TargetColumn } from './column-types.js';
import { openSource, resolveSources } from './copy-sources.js';
import { fastCopyPlan, fastCopyTarget, type GuardSource, tryFastCopy } from './fast-copy.js';
import { type CopyContext, pickColumns, publishPath } from './run-copy.js';

/** What became of the attempt: rows loaded; 'refused' when the fast path read the data and gave up; else undefined. */
export type ThroughStage = number | 'refused' | undefined;

/** Column kinds whose constants round-trip exactly through their text (PostgreSQL's output, then COPY's input). */
const constantKinds = new Set(['char', 'int', 'numeric', 'bool', 'date', 'timestamp']);

export async function copyThroughStage(pair: StageInsert, context: CopyContext): Promise<ThroughStage> {
  const { session } = context;
  if (pair.copy.noLoad) return undefined;
  await session.query('savepoint ferry_through_stage');
  try {
    const outcome = await attempt(pair, context);
    await session.query('release savepoint ferry_through_stage');
    return outcome;
  } catch {
    await session.query('rollback to savepoint ferry_through_stage');
    return undefined;
  }
}

async function attempt(pair: StageInsert, context: CopyContext): Promise<ThroughStage> {
  const { session } = context;
  const { copy } = pair;
  const stage = await loadTargetTable(session, copy.table);
  const target = await loadTargetTable(session, pair.target);
  if (stage.columns.some((column) => column.identity)) return undefined;
  const copied = copy.columns ? pickColumns(stage, copy.columns) : stage.columns;
  const into = copiedInto(copied, pair, target.columns);
  const constants = constantsOf(pair, target.columns);
  const plan = fastCopyPlan(copy, copied);
  const delimiter = plan && String.fromCharCode(plan.delimiter);
  if (!into || !constants || !plan || !delimiter || /[\w.\\]/.test(delimiter)) return undefined;
  const empty = await session.query(`select not exists (select 1 from ${stage.sqlName})`);
  if (empty.rows[0]?.[0] !== true) return undefined;
  const texts = await constantTexts(context, target.sqlName, constants);
  const suffix = texts.map((text) => delimiter + copyText(text, delimiter)).join('');
  const copyTarget = fastCopyTarget(target.sqlName, [...into, ...constants.map(([column]) => column)], plan);
  const sources = await resolveSources(context.store, context.bucket, copy);
  // Every line passed on is a copy (it carries the constants), so a plain file may be read through one reused buffer.
  const { store } = context;
  const opens = sources.map(
    (source) => async (): Promise<GuardSource> =>
      store.scan && copy.compression === 'none'
        ? { reused: store.scan(source.key) }
        : openSource(store, source, copy),
  );
  const rows = await tryFastCopy(session, copyTarget, opens, { ...plan, lineSuffix: Buffer.from(suffix) });
  if (rows === undefined) return 'refused';
  publishPath(stage.name, 'fused');
  return rows;
}

/**
 * The target column each copied stage column goes into, in the file's order: each selected exactly once and
 * nothing else of the stage selected (a column the COPY leaves out is NULL in the stage), into a column of the same
 * type (so the value is read once, by the same type, either way) that is not an IDENTITY column.
 */
function copiedInto(
  copied: readonly TargetColumn[],
  pair: StageInsert,
  targetColumns: readonly TargetColumn[],
): string[] | undefined {
  // Where each selected stage column stands in the SELECT list.
  const selected = new Map<string, number>();
  for (const [at, value] of pair.values.entries()) {
    if (!('column' in value)) continue;
    if (selected.has(value.column)) return undefined;
    selected.set(value.column, at);
  }
  if (selected.size !== copied.length) return undefined;
  const into: string[] = [];
  for (const column of copied) {
    const at = selected.get(column.name);
    const target = at === undefined ? undefined : targetColumns.find((c) => c.name === pair.columns[at]);
    if (!target || target.identity || !sameType(column, target)) return undefined;
    into.push(target.name);
  }
  return into;
}

function sameType(a: TargetColumn, b: TargetColumn): boolean {
  return (
    a.typeName === b.typeName &&
    a.maxBytes === b.maxBytes &&
    a.precision === b.precision &&
    a.scale === b.scale
  );
}

/** The target columns given constants, with the constants' SQL; undefined when one cannot go through text. */
function constantsOf(
  pair: StageInsert,
  targetColumns: readonly TargetColumn[],
): [string, string][] | undefined {
  const constants: [string, string][] = [];
  for (const [index, value] of pair.values.entries()) {
    if (!('constant' in value)) continue;
    const target = targetColumns.find((column) => column.name === pair.columns[index]);
    if (!target || target.identity || !constantKinds.has(target.kind)) return undefined;
    constants.push([target.name, value.constant]);
  }
  return constants;
}

/**
 * Each constant as the target column stores it, in PostgreSQL's text: assigned to a column of the target's type
 * exactly as the INSERT would assign it (assignment casts, lengths, rounding: "Value Storage",
 * https://www.postgresql.org/docs/current/typeconv-query.html), then read back.
 */
async function constantTexts(
  context: CopyContext,
  target: string,
  constants: readonly [string, string][],
): Promise<(string | null)[]> {
  if (constants.length === 0) return [];
  const { session } = context;
  const columns = constants.map(([column]) => quoteName(column));
  const probe = quoteName('ferry_constants');
  await session.query(`create temp table ${probe} as select ${columns.join(', ')} from ${target} limit 0`);
  const values = constants.map(([, sql]) => sql).join(', ');
  const returned = await session.query(
    translateRedshiftSql(
      `insert into ${probe} (${columns.join(', ')}) select ${values} ` +
        `returning ${columns.map((column) => `${column}::text`).join(', ')}`,
    ),
  );
  await session.query(`drop table ${probe}`);
  return (returned.rows[0] ?? []).map((value) => (value === null ? null : String(value)));
}

/**
 * A value in PostgreSQL's text COPY format: `\N` for NULL, backslash escapes for backslash, line feed, carriage return
 * and the delimiter ("Text Format", https://www.postgresql.org/docs/current/sql-copy.html).
 */
function copyText(value: string | null, delimiter: string): string {
  if (value === null) return '\\N';
  let text = '';
  for (const char of value) {
    if (char === '\\') text += '\\\\';
    else if (char === '\n') text += '\\n';
    else if (char === '\r') text += '\\r';
    else if (char === delimiter) text += `\\${char}`;
    else text += char;
  }
  return text;
}
