// The server COPY's fast path: plain delimited text goes straight into PostgreSQL's own COPY. Anything the stand-in
// must judge row by row (a rejected value, a blank line, a backslash, a CR) rolls back to the checked path.
import { type Readable, Transform } from 'node:stream';
import type { WarehouseSession } from '../warehouse-connection.js';
import type { CopyCommand } from './copy-command.js';
import { maxRowBytes } from './read-lines.js';

/** Options whose meaning PostgreSQL's text COPY shares with Redshift's delimited COPY, on the rows it accepts. */
export function fastCopyEligible(command: CopyCommand): boolean {
  return (
    command.format === 'delimited' &&
    command.delimiter.length === 1 &&
    command.nullAs === '\\N' &&
    command.ignoreHeader === 0 &&
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
    !command.noLoad
  );
}

class NotPlainText extends Error {}

/**
 * Passes bytes on while they read the same to both: a backslash (PostgreSQL's escape), a CR (Redshift's data), a
 * blank line (IGNOREBLANKLINES) or a line past Redshift's row limit (PostgreSQL's own is 1 GB) stops the fast path.
 * Everything else — types, lengths, UTF-8 — PostgreSQL checks.
 */
function plainTextGuard(maxLineBytes: number): Transform {
  let afterNewline = true;
  let lineBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.length === 0) return done(null, chunk);
      if (chunk.indexOf(0x0d) !== -1 || chunk.indexOf(0x5c) !== -1) return done(new NotPlainText());
      if (afterNewline && chunk[0] === 0x0a) return done(new NotPlainText());
      if (chunk.indexOf('\n\n') !== -1) return done(new NotPlainText());
      for (let start = 0; ; ) {
        const newline = chunk.indexOf(0x0a, start);
        lineBytes += (newline === -1 ? chunk.length : newline) - start;
        if (lineBytes > maxLineBytes) return done(new NotPlainText());
        if (newline === -1) break;
        lineBytes = 0;
        start = newline + 1;
      }
      afterNewline = chunk[chunk.length - 1] === 0x0a;
      done(null, chunk);
    },
  });
}

/** Rows loaded, or undefined when the fast path gave up (nothing of it is left: the savepoint is rolled back). */
export async function tryFastCopy(
  session: WarehouseSession,
  copySql: string,
  sources: readonly (() => Promise<Readable>)[],
  maxLineBytes = maxRowBytes,
): Promise<number | undefined> {
  const copyFromStdin = session.copyFromStdin?.bind(session);
  if (!copyFromStdin) return undefined;
  await session.query('savepoint ferry_fast_copy');
  try {
    let rows = 0;
    for (const open of sources) {
      const source = await open();
      const guarded = plainTextGuard(maxLineBytes);
      source.on('error', (error) => guarded.destroy(error));
      rows += await copyFromStdin(copySql, source.pipe(guarded));
    }
    await session.query('release savepoint ferry_fast_copy');
    return rows;
  } catch {
    await session.query('rollback to savepoint ferry_fast_copy');
    return undefined;
  }
}
