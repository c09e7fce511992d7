// The server COPY's fast path: plain delimited text goes straight into PostgreSQL's own COPY. It is taken only where
// PostgreSQL's text COPY cannot reach a different outcome from the checked path; anything else the stand-in must judge
// row by row (a rejected value, a blank line, a backslash, a CR, …) rolls back to the checked path.
import { type Readable, Transform } from 'node:stream';
import type { WarehouseSession } from '../../../postgres/warehouse-connection.js';
import type { TargetColumn } from './column-types.js';
import type { CopyCommand } from './copy-command.js';
import { maxRowBytes } from './read-lines.js';

/**
 * Column kinds whose PostgreSQL text input agrees with the checked path on every value PostgreSQL accepts, given the
 * byte guard below. Not here: numeric (PostgreSQL rounds extra decimals, Redshift truncates), bool (PostgreSQL also
 * takes 'on'/'off' and prefixes), date and timestamps (PostgreSQL reads formats 'auto' does not, and the reverse),
 * float and other types (kept on the checked path rather than argued value by value).
 */
const fastKinds = new Set<TargetColumn['kind']>(['int', 'char']);

/**
 * Options whose meaning PostgreSQL's text COPY shares with Redshift's delimited COPY, on the rows it accepts. IGNOREHEADER
 * is taken because the guard below drops the header lines itself, as the checked path does: by line count, whatever
 * they hold.
 */
export function fastCopyEligible(command: CopyCommand, columns: readonly TargetColumn[]): boolean {
  return (
    command.format === 'delimited' &&
    command.delimiter.length === 1 &&
    command.nullAs === '\\N' &&
    command.dateFormat === 'auto' &&
    command.timeFormat === 'auto' &&
    !command.removeQuotes &&
    !command.escape &&
    !command.emptyAsNull &&
    !command.blanksAsNull &&
    !command.truncateColumns &&
    !command.fillRecord &&
    !command.trimBlanks &&
    !command.roundDecimals &&
    !command.noLoad &&
    columns.every((column) => fastKinds.has(column.kind))
  );
}

class NotPlainText extends Error {}

/**
/**
 * What PostgreSQL's text COPY would read differently from Redshift, found in the raw bytes (read as Latin-1 so each
 * byte is one character):
 * - a byte of 0x80 or more: PostgreSQL counts VARCHAR(n) in characters, Redshift in bytes — ASCII keeps them equal;
 * - a space before a delimiter, a line feed or the end: PostgreSQL cuts trailing spaces that overflow VARCHAR(n);
 * - `0x`/`0o`/`0b` and `1_000`: integer spellings PostgreSQL 16 accepts and Redshift does not;
 * - a backslash (PostgreSQL's escape), a CR (Redshift's data), a blank line (IGNOREBLANKLINES);
 * - a line past Redshift's row limit (PostgreSQL's own is 1 GB).
 */
function divergentBytes(delimiter: string): RegExp {
  const d = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(String.raw`[\x80-\xff\r\\]| (?:\n|${d})|\d_\d|0[xXoObB]|\n\n`);
}

function plainTextGuard(delimiter: string, maxLineBytes: number, headerLines: number): Transform {
  const divergent = divergentBytes(delimiter);
  // The last two bytes of the previous chunk, so a pattern cut across chunks is still seen; a file starts as if after
  // a line feed, so a blank first line counts as a blank line (and so does a blank line right after the header).
  let tail = '\n';
  let lineBytes = 0;
  let headerLeft = headerLines;
  return new Transform({
    transform(input: Buffer, _encoding, done) {
      let chunk = input;
      // IGNOREHEADER: the first lines go, whatever bytes they hold (the checked path skips them before any check).
      while (headerLeft > 0 && chunk.length > 0) {
        const newline = chunk.indexOf(0x0a);
        if (newline === -1) return done();
        headerLeft--;
        chunk = chunk.subarray(newline + 1);
      }
      if (chunk.length === 0) return done();
      const text = tail + chunk.toString('latin1');
      if (divergent.test(text)) return done(new NotPlainText());
      tail = text.slice(-2);
      for (let start = 0; ; ) {
        const newline = chunk.indexOf(0x0a, start);
        lineBytes += (newline === -1 ? chunk.length : newline) - start;
        if (lineBytes > maxLineBytes) return done(new NotPlainText());
        if (newline === -1) break;
        lineBytes = 0;
        start = newline + 1;
      }
      done(null, chunk);
    },
    flush(done) {
      done(tail.endsWith(' ') ? new NotPlainText() : null);
    },
  });
}

/** Rows loaded, or undefined when the fast path gave up (nothing of it is left: the savepoint is rolled back). */
export async function tryFastCopy(
  session: WarehouseSession,
  copySql: string,
  sources: readonly (() => Promise<Readable>)[],
  delimiter = '|',
  maxLineBytes = maxRowBytes,
  headerLines = 0,
): Promise<number | undefined> {
  const copyFromStdin = session.copyFromStdin?.bind(session);
  if (!copyFromStdin) return undefined;
  await session.query('savepoint ferry_fast_copy');
  try {
    let rows = 0;
    for (const open of sources) {
      const source = await open();
      const guarded = plainTextGuard(delimiter, maxLineBytes, headerLines);
      source.on('error', (error) => guarded.destroy(error));
      try {
        rows += await copyFromStdin(copySql, source.pipe(guarded));
      } finally {
        // A refusal stops the guard mid-file: the source would otherwise keep its file open until garbage collection.
        source.destroy();
      }
    }
    await session.query('release savepoint ferry_fast_copy');
    return rows;
  } catch {
    await session.query('rollback to savepoint ferry_fast_copy');
    return undefined;
  }
}
