// Splits a byte stream into lines (at LF) and decodes them as UTF-8, never holding more than one line.
import type { Readable } from 'node:stream';

export interface Line {
  number: number;
  text: string;
  /** Set when the bytes were not valid UTF-8 and ACCEPTINVCHARS is off. */
  invalidUtf8?: boolean;
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

export async function* readLines(source: Readable, replacement: string | undefined): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let number = 0;
  const emit = (bytes: Buffer): Line => {
    const { text, invalid } = decodeLine(bytes, replacement);
    number++;
    return invalid ? { number, text, invalidUtf8: true } : { number, text };
  };
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline >= 0) {
      const piece = chunk.subarray(start, newline);
      yield emit(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece);
      pending = [];
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield emit(Buffer.concat(pending));
}
