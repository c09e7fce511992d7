// The fast path's byte guard: one pass over the raw bytes, field by field, vouching for every value it lets through to
// PostgreSQL's text COPY — the value is one PostgreSQL reads exactly as the checked path (convert-field.ts) would store
// it. A field the checked path turns into NULL (an empty or blank field) is rewritten as `\N`; anything else the guard
// cannot vouch for stops the stream, and the load falls back to the checked path for the whole COPY.
import { isAscii } from 'node:buffer';
import { Transform } from 'node:stream';
import { csvLines } from './fast-copy-csv.js';
import {
  BACKSLASH,
  CR,
  type GuardPlan,
  LF,
  NotPlainText,
  NULL_FIELD,
  REFUSE,
  TO_NULL,
  verdict,
} from './fast-copy-fields.js';
import { fixedWidthLines } from './fast-copy-fixed-width.js';

/**
 * Checks the complete lines in `bytes` (it ends with a line feed) and returns what PostgreSQL is to read: `bytes`
 * itself when no field was rewritten. Throws NotPlainText on anything the guard cannot vouch for.
 */
function guardLines(bytes: Buffer, plan: GuardPlan): Buffer {
  const { fields, delimiter, maxLineBytes } = plan;
  const last = fields.length - 1;
  // Once per chunk, natively: a byte of 0x80 or more or a CR is outside every column's subset, and a backslash is in
  // none but as a whole `\N`; the fields then need no byte-by-byte check for them.
  if (!isAscii(bytes) || bytes.includes(CR)) throw new NotPlainText();
  const backslashes = bytes.includes(BACKSLASH);
  let pieces: Buffer[] | undefined;
  let copiedTo = 0;
  const cut = (from: number, to: number, insert?: Buffer) => {
    pieces ??= [];
    if (from > copiedTo) pieces.push(bytes.subarray(copiedTo, from));
    if (insert) pieces.push(insert);
    copiedTo = to;
  };
  for (let lineStart = 0; lineStart < bytes.length; ) {
    if (bytes[lineStart] === LF) {
      // A blank line: IGNOREBLANKLINES drops it, as the checked path does; without it, PostgreSQL would read a row.
      if (!plan.ignoreBlankLines) throw new NotPlainText();
      cut(lineStart, lineStart + 1);
      lineStart++;
      continue;
    }
    let start = lineStart;
    for (let index = 0; ; index++) {
      let end = start;
      let byte = bytes[end]!;
      while (byte !== delimiter && byte !== LF) byte = bytes[++end]!;
      const rule = fields[index];
      // A field too many (a trailing delimiter too) or too few: PostgreSQL and the checked path count differently.
      if (rule === undefined || (byte === LF) !== (index === last)) throw new NotPlainText();
      const seen = verdict(bytes, start, end, rule, backslashes);
      if (seen === REFUSE) throw new NotPlainText();
      if (seen === TO_NULL) cut(start, end, NULL_FIELD);
      start = end + 1;
      if (byte === LF) break;
    }
    if (start - 1 - lineStart > maxLineBytes) throw new NotPlainText();
    lineStart = start;
  }
  if (!pieces) return bytes;
  if (copiedTo < bytes.length) pieces.push(bytes.subarray(copiedTo));
  return Buffer.concat(pieces);
}

/** `suffix` written before every line feed of `lines` (whole lines). */
function appendToLines(lines: Buffer, suffix: Buffer): Buffer {
  let count = 0;
  for (let at = lines.indexOf(LF); at !== -1; at = lines.indexOf(LF, at + 1)) count++;
  const out = Buffer.allocUnsafe(lines.length + count * suffix.length);
  let from = 0;
  let to = 0;
  for (let at = lines.indexOf(LF); at !== -1; at = lines.indexOf(LF, at + 1)) {
    to += lines.copy(out, to, from, at);
    to += suffix.copy(out, to);
    out[to++] = LF;
    from = at + 1;
  }
  return out;
}

/** The guard over a file's chunks in order: for each, what PostgreSQL is to read of it, whole lines only. */
export interface LineGuard {
  take(chunk: Buffer): Buffer[];
  /** The last line, when it came without its line feed. */
  end(): Buffer[];
}

/**
 * Drops the header lines (whatever they hold, as the checked path does) and guards the rest, line by line. Every chunk
 * it passes on is whole lines (a cut line waits for its line feed), as WarehouseSession.copyRows requires. It keeps
 * no view of a chunk once `take` returns (the cut line is copied), so a chunk's buffer may then be reused; what it
 * passes on may be views of the chunk, unless the plan has a line suffix (then every line is copied).
 */
export function lineGuard(plan: GuardPlan): LineGuard {
  let headerLeft = plan.headerLines;
  // The start of a line cut by the chunk's end, kept until its line feed arrives.
  let carry: Buffer | undefined;
  const guard = (bytes: Buffer): Buffer => {
    const lines = plan.widths
      ? fixedWidthLines(bytes, plan, plan.widths)
      : plan.quote === undefined
        ? guardLines(bytes, plan)
        : csvLines(bytes, plan, plan.quote);
    return plan.lineSuffix ? appendToLines(lines, plan.lineSuffix) : lines;
  };
  return {
    take(input) {
      let chunk = input;
      while (headerLeft > 0 && chunk.length > 0) {
        const newline = chunk.indexOf(LF);
        if (newline === -1) return [];
        headerLeft--;
        chunk = chunk.subarray(newline + 1);
      }
      const lastNewline = chunk.lastIndexOf(LF);
      if (lastNewline === -1) {
        carry = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
        if (carry.length > plan.maxLineBytes) throw new NotPlainText();
        return [];
      }
      // Only the line cut by the previous chunk's end is copied to be whole; the chunk's other lines are checked and
      // passed on where they lie.
      const firstNewline = carry ? chunk.indexOf(LF) : -1;
      const joined = carry ? Buffer.concat([carry, chunk.subarray(0, firstNewline + 1)]) : undefined;
      const complete = chunk.subarray(firstNewline + 1, lastNewline + 1);
      carry = lastNewline + 1 < chunk.length ? Buffer.from(chunk.subarray(lastNewline + 1)) : undefined;
      const out = joined ? [guard(joined)] : [];
      if (complete.length > 0) out.push(guard(complete));
      return out;
    },
    end() {
      // The last line without a line feed: PostgreSQL reads it as a row, as the checked path does.
      return carry ? [guard(Buffer.concat([carry, Buffer.from([LF])]))] : [];
    },
  };
}

/** The guard as a stream. */
export function fastCopyGuard(plan: GuardPlan): Transform {
  const guard = lineGuard(plan);
  const pass = (stream: Transform, take: () => Buffer[], done: (error?: Error) => void) => {
    try {
      for (const lines of take()) stream.push(lines);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pass(this, () => guard.take(chunk), done);
    },
    flush(done) {
      pass(this, () => guard.end(), done);
    },
  });
}

/**
 * The guard over the chunks of one reused buffer (each valid only until the next is read): with a line suffix every
 * line it passes on is a copy, so the chunk is done with before the next is asked for.
 */
export async function* guardReused(chunks: AsyncIterable<Buffer>, plan: GuardPlan): AsyncGenerator<Buffer> {
  if (!plan.lineSuffix)
    throw new Error('expected a plan with a line suffix: without one the guard passes on views');
  const guard = lineGuard(plan);
  for await (const chunk of chunks) yield* guard.take(chunk);
  yield* guard.end();
}
