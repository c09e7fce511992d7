// The stand-in COPY's fast path: plain delimited text goes straight into PostgreSQL's own COPY. It is taken only where
// PostgreSQL's text COPY cannot reach a different outcome from the checked path; anything else the stand-in must judge
// row by row (a rejected value, a backslash, a CR, a value outside the subset both read alike, …) rolls back to the
// checked path. The byte guard that vouches for each field is in fast-copy-guard.ts.
import { Readable } from 'node:stream';
import type { CopyTarget, WarehouseSession } from '../../../postgres/warehouse-connection.js';
import { quoteName, type TargetColumn } from './column-types.js';
import type { CopyCommand } from './copy-command.js';
import type { FieldRule, GuardPlan } from './fast-copy-fields.js';
import { fastCopyGuard, guardReused } from './fast-copy-guard.js';
import { maxRowBytes } from './read-lines.js';

/** The date and time formats whose values the guard's strict `YYYY-MM-DD[ HH:MI:SS]` reads as the checked path does. */
const isoDate = (format: string) => ['AUTO', 'YYYY-MM-DD'].includes(format.toUpperCase());
/** DATEFORMAT 'YYYYMMDD': the guard takes exactly eight digits. */
const compactDate = (format: string) => format.toUpperCase() === 'YYYYMMDD';
const isoTimestamp = (format: string) => ['AUTO', 'YYYY-MM-DD HH:MI:SS'].includes(format.toUpperCase());

/**
 * How the guard vouches for one column's fields, or undefined when the column stays on the checked path: bool
 * (PostgreSQL also takes 'on'/'off' and prefixes), timestamptz (the session's time zone against the checked path's
 * UTC), float and other types (kept on the checked path rather than argued value by value); dates and timestamps
 * under any other DATEFORMAT/TIMEFORMAT.
 */
function fieldRule(column: TargetColumn, command: CopyCommand): FieldRule | undefined {
  switch (column.kind) {
    case 'char':
      return {
        kind: 'char',
        emptyAsNull: command.emptyAsNull,
        blanksAsNull: command.blanksAsNull,
        ...(column.maxBytes !== undefined && { maxBytes: column.maxBytes }),
      };
    case 'int':
      return { kind: 'int' };
    case 'numeric':
      return column.precision === undefined || column.scale === undefined
        ? { kind: 'numeric' }
        : { kind: 'numeric', wholeDigits: column.precision - column.scale, scale: column.scale };
    case 'date':
      if (compactDate(command.dateFormat)) return { kind: 'date', compact: true };
      return isoDate(command.dateFormat) ? { kind: 'date' } : undefined;
    case 'timestamp':
      return isoTimestamp(command.timeFormat) ? { kind: 'timestamp' } : undefined;
    default:
      return undefined;
  }
}

/**
 * The guard's plan when PostgreSQL's text COPY shares the options' meaning with Redshift's delimited or fixed-width
 * COPY on the rows the guard lets through, else undefined. IGNOREHEADER and IGNOREBLANKLINES are the guard's own work
 * (it drops those lines as the checked path does); EMPTYASNULL and BLANKSASNULL it applies by writing `\N` for such
 * fields; FIXEDWIDTH it applies by cutting each line into tab-delimited fields, one width per column; CSV by reading
 * quoted fields and writing them unquoted and escaped.
 */
export function fastCopyPlan(
  command: CopyCommand,
  columns: readonly TargetColumn[],
  maxLineBytes = maxRowBytes,
): GuardPlan | undefined {
  const delimiter = command.delimiter.charCodeAt(0);
  const widths = command.fixedWidths?.map((field) => field.width);
  const oneByte = command.delimiter.length === 1 && delimiter < 0x80;
  const delimited = command.format === 'delimited' && oneByte;
  // CSV: the guard writes a delimiter inside quotes as backslash + delimiter, which PostgreSQL reads as the delimiter
  // itself unless it is a letter or digit (`\t`, `\N`, …) or `.` (`\.` ends the data).
  const csv =
    command.format === 'csv' &&
    oneByte &&
    /^[!-/:-@[-`{-~]$/.test(command.delimiter) &&
    !['\\', '.'].includes(command.delimiter) &&
    command.quote.length === 1 &&
    command.quote.charCodeAt(0) < 0x80 &&
    command.quote !== command.delimiter &&
    command.quote !== '\\';
  const fixedWidth =
    command.format === 'fixedwidth' &&
    widths !== undefined &&
    widths.length === columns.length &&
    widths.every((width) => Number.isInteger(width) && width > 0);
  const eligible =
    (delimited || fixedWidth || csv) &&
    command.nullAs === '\\N' &&
    !command.removeQuotes &&
    !command.escape &&
    !command.truncateColumns &&
    !command.fillRecord &&
    !command.trimBlanks &&
    !command.roundDecimals &&
    !command.noLoad;
  if (!eligible || columns.length === 0) return undefined;
  const fields: FieldRule[] = [];
  for (const column of columns) {
    const rule = fieldRule(column, command);
    if (!rule) return undefined;
    fields.push(rule);
  }
  return {
    fields,
    ...(fixedWidth ? { delimiter: 0x09, widths } : { delimiter }),
    ...(csv && { quote: command.quote.charCodeAt(0) }),
    headerLines: command.ignoreHeader,
    ignoreBlankLines: command.ignoreBlankLines,
    maxLineBytes,
  };
}

/** Where the guarded text goes: `table`'s `columns` (unquoted names), in PostgreSQL's text format with the plan's delimiter. */
export function fastCopyTarget(table: string, columns: readonly string[], plan: GuardPlan): CopyTarget {
  const columnList = columns.map(quoteName).join(', ');
  return { table, columns: columnList, format: 'text', delimiter: String.fromCharCode(plan.delimiter) };
}

/** A source's bytes: a stream, or the chunks of one reused buffer (for a plan with a line suffix: guardReused). */
export type GuardSource = Readable | { reused: AsyncIterable<Buffer> };

/** Rows loaded, or undefined when the fast path gave up (nothing of it is left: the savepoint is rolled back). */
export async function tryFastCopy(
  session: WarehouseSession,
  target: CopyTarget,
  sources: readonly (() => Promise<GuardSource>)[],
  plan: GuardPlan,
): Promise<number | undefined> {
  await session.query('savepoint ferry_fast_copy');
  try {
    let rows = 0;
    for (const open of sources) rows += await copyGuarded(session, target, await open(), plan);
    await session.query('release savepoint ferry_fast_copy');
    return rows;
  } catch {
    await session.query('rollback to savepoint ferry_fast_copy');
    return undefined;
  }
}

async function copyGuarded(
  session: WarehouseSession,
  target: CopyTarget,
  source: GuardSource,
  plan: GuardPlan,
): Promise<number> {
  if ('reused' in source) return session.copyRows(target, Readable.from(guardReused(source.reused, plan)));
  const guarded = fastCopyGuard(plan);
  source.on('error', (error) => guarded.destroy(error));
  try {
    return await session.copyRows(target, source.pipe(guarded));
  } finally {
    // A refusal stops the guard mid-file: the source would otherwise keep its file open until garbage collection.
    source.destroy();
  }
}
