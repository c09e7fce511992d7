// The fast path's CSV converter: each line's fields read as csv-records.ts reads them, on the subset where that is
// plain (a quote opens a field and closes it right before a delimiter or the line's end, no line feed inside quotes),
// vouched for as in a delimited file and written as PostgreSQL text: a quoted value unquoted, `""` made `"`, a
// delimiter inside it escaped with a backslash.
import { isAscii } from 'node:buffer';
import {
  ACCEPT,
  BACKSLASH,
  CR,
  type GuardPlan,
  LF,
  NotPlainText,
  REFUSE,
  TO_NULL,
  verdict,
} from './fast-copy-fields.js';

/** The growing output of one chunk. */
class Output {
  bytes: Buffer;
  length = 0;
  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }
  room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + more));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
  copy(from: Buffer, start: number, end: number): void {
    this.room(end - start);
    this.length += from.copy(this.bytes, this.length, start, end);
  }
  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }
}

/**
 * A quoted field from its opening quote at `start`: its value, unescaped into `scratch` (ascii), and where the field
 * ends (at the delimiter or line feed after the closing quote). Throws NotPlainText on a line feed inside the quotes
 * or anything but a delimiter or the line's end after the closing quote (the checked path reads on: white space is
 * dropped, other characters are appended).
 */
function quotedField(
  bytes: Buffer,
  start: number,
  quote: number,
  delimiter: number,
  scratch: Output,
): number {
  scratch.length = 0;
  let at = start + 1;
  for (;;) {
    const byte = bytes[at];
    if (byte === undefined || byte === LF) throw new NotPlainText();
    if (byte === quote) {
      if (bytes[at + 1] === quote) {
        scratch.byte(quote);
        at += 2;
        continue;
      }
      at++;
      if (bytes[at] !== delimiter && bytes[at] !== LF) throw new NotPlainText();
      return at;
    }
    scratch.byte(byte);
    at++;
  }
}

/**
 * Converts the complete lines in `bytes` (it ends with a line feed) into PostgreSQL text with the same delimiter.
 * Throws NotPlainText on what it cannot vouch for: a CR or a byte of 0x80 or more, a quote inside an unquoted field,
 * a backslash anywhere but a whole unquoted `\N`, a field too many or too few, a blank line unless IGNOREBLANKLINES.
 */
export function csvLines(bytes: Buffer, plan: GuardPlan, quote: number): Buffer {
  if (!isAscii(bytes) || bytes.includes(CR)) throw new NotPlainText();
  const { fields, delimiter, maxLineBytes } = plan;
  const backslashes = bytes.includes(BACKSLASH);
  const last = fields.length - 1;
  const out = new Output(bytes.length + 64);
  const scratch = new Output(256);
  for (let lineStart = 0; lineStart < bytes.length; ) {
    if (bytes[lineStart] === LF) {
      if (!plan.ignoreBlankLines) throw new NotPlainText();
      lineStart++;
      continue;
    }
    let start = lineStart;
    for (let index = 0; ; index++) {
      const rule = fields[index];
      if (rule === undefined) throw new NotPlainText();
      let end: number;
      if (bytes[start] === quote) {
        end = quotedField(bytes, start, quote, delimiter, scratch);
        const value = scratch.bytes;
        // Only an unquoted field stands for NULL; a quoted `\N` is text, which the guard leaves to the checked path.
        if (value.subarray(0, scratch.length).includes(BACKSLASH)) throw new NotPlainText();
        const seen = verdict(value, 0, scratch.length, rule, false);
        if (seen === REFUSE) throw new NotPlainText();
        if (seen === TO_NULL) out.copy(NULL_TEXT, 0, 2);
        else {
          for (let at = 0; at < scratch.length; at++) {
            if (value[at] === delimiter) out.byte(BACKSLASH);
            out.byte(value[at]!);
          }
        }
      } else {
        end = start;
        let byte = bytes[end]!;
        while (byte !== delimiter && byte !== LF) {
          if (byte === quote) throw new NotPlainText();
          byte = bytes[++end]!;
        }
        const seen = verdict(bytes, start, end, rule, backslashes);
        if (seen === REFUSE) throw new NotPlainText();
        if (seen === ACCEPT) out.copy(bytes, start, end);
        else out.copy(NULL_TEXT, 0, 2);
      }
      const byte = bytes[end];
      if ((byte === LF) !== (index === last)) throw new NotPlainText();
      out.byte(byte === LF ? LF : delimiter);
      start = end + 1;
      if (byte === LF) break;
    }
    if (start - 1 - lineStart > maxLineBytes) throw new NotPlainText();
    lineStart = start;
  }
  return out.bytes.subarray(0, out.length);
}

const NULL_TEXT = Buffer.from('\\N');
