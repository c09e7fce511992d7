// Splits a byte stream into lines (at LF) and decodes them as UTF-8, never holding more than one line.
import type { Readable } from 'node:stream';
import { invalidUtf8Error, type RecordError } from './raw-record.js';

export interface Line {
  number: number;
  text: string;
  /** Why the line is rejected before it is split into fields: invalid UTF-8 (without ACCEPTINVCHARS), too long. */
  error?: RecordError;
}

/**
 * "The maximum size of a single input row from any source is 4 MB."
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source.html
 */
export const maxRowBytes = 4 * 1024 * 1024;

/** What is kept of a line past the limit: enough for sys_load_error_detail's raw_line (1024 characters). */
const keptOfLongLine = 1024;

/**
 * Redshift's load error reference has no code of its own for a row past the limit; 1216 is "Input line is not
 * valid". https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html
 */
export function rowTooLongError(bytes: number): RecordError {
  return {
    code: 1216,
    message: `Input line is not valid: expected a row of at most ${maxRowBytes} bytes (4 MB), found ${bytes} bytes`,
  };
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Invalid sequences become `replacement` (ACCEPTINVCHARS), or the line is flagged invalid. */
export function decodeLine(
  bytes: Buffer,
  replacement: string | undefined,
): { text: string; invalid: boolean } {
  try {
    return { text: strict.decode(bytes), invalid: false };
  } catch {
    const text = lenient.decode(bytes);
    return replacement === undefined
      ? { text, invalid: true }
      : { text: text.replaceAll('\uFFFD', replacement), invalid: false };
  }
}

/** A line longer than `maxBytes` is never held whole: its start is kept, the rest counted and dropped. */
export async function* readLines(
  source: Readable,
  replacement: string | undefined,
  maxBytes = maxRowBytes,
): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  const emit = (last: Buffer): Line => {
    number++;
    const bytes = pendingBytes + last.length;
    if (bytes > maxBytes) {
      const start = Buffer.concat([...pending, last.subarray(0, keptOfLongLine)]).subarray(0, keptOfLongLine);
      return { number, text: lenient.decode(start), error: rowTooLongError(bytes) };
    }
    const line = pending.length > 0 ? Buffer.concat([...pending, last]) : last;
    const { text, invalid } = decodeLine(line, replacement);
    return invalid ? { number, text, error: invalidUtf8Error } : { number, text };
  };
  const hold = (piece: Buffer) => {
    // Past the limit only the count grows; the first bytes stay for the error row.
    if (pendingBytes < keptOfLongLine || pendingBytes + piece.length <= maxBytes) pending.push(piece);
    pendingBytes += piece.length;
  };
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline >= 0) {
      yield emit(chunk.subarray(start, newline));
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) hold(chunk.subarray(start));
  }
  if (pendingBytes > 0) yield emit(Buffer.alloc(0));
}
