// The fast path's fixed-width cutter: each line is cut at the declared widths as fixed-width-records.ts cuts it, each
// field vouched for as in a delimited file, and the fields are written out tab-delimited for PostgreSQL's text COPY.
import { isAscii } from 'node:buffer';
import {
  ACCEPT,
  BACKSLASH,
  CR,
  type GuardPlan,
  LF,
  NotPlainText,
  REFUSE,
  TAB,
  TO_NULL,
  trimmed,
  type Verdict,
  verdict,
} from './fast-copy-fields.js';

/**
 * A field whose trimmed text is `\N` (NULL AS's default) is NULL to the checked path, padding and all; PostgreSQL is
 * given a bare `\N`.
 */
function fixedVerdict(
  bytes: Buffer,
  start: number,
  end: number,
  plan: GuardPlan,
  index: number,
  backslashes: boolean,
): Verdict {
  if (backslashes) {
    const span = trimmed(bytes, start, end);
    if (span && span[1] - span[0] === 2 && bytes[span[0]] === BACKSLASH && bytes[span[0] + 1] === 0x4e)
      return TO_NULL;
  }
  return verdict(bytes, start, end, plan.fields[index]!, backslashes);
}

/**
 * Cuts the complete lines in `bytes` (it ends with a line feed) into tab-delimited text. Throws NotPlainText on
 * anything it cannot vouch for: a line shorter than the widths (the checked path reads fewer fields or a short last
 * one), a tab (it would split a field), a CR or a byte of 0x80 or more (widths count characters), a blank line unless
 * IGNOREBLANKLINES drops it. Characters past the last width are ignored, as the checked path ignores them.
 */
export function fixedWidthLines(bytes: Buffer, plan: GuardPlan, widths: readonly number[]): Buffer {
  if (!isAscii(bytes) || bytes.includes(CR) || bytes.includes(TAB)) throw new NotPlainText();
  const backslashes = bytes.includes(BACKSLASH);
  let lineWidth = 0;
  let lineOut = 0;
  for (const width of widths) {
    lineWidth += width;
    lineOut += Math.max(width, 2) + 1;
  }
  const last = widths.length - 1;
  // Every line written is at least lineWidth + 1 bytes of the input.
  const out = Buffer.allocUnsafe(Math.floor(bytes.length / (lineWidth + 1)) * lineOut);
  let written = 0;
  for (let lineStart = 0; lineStart < bytes.length; ) {
    const lineEnd = bytes.indexOf(LF, lineStart);
    if (lineEnd === lineStart && plan.ignoreBlankLines) {
      lineStart++;
      continue;
    }
    if (lineEnd - lineStart < lineWidth || lineEnd - lineStart > plan.maxLineBytes) throw new NotPlainText();
    let start = lineStart;
    for (let index = 0; index <= last; index++) {
      const end = start + widths[index]!;
      const seen = fixedVerdict(bytes, start, end, plan, index, backslashes);
      if (seen === REFUSE) throw new NotPlainText();
      if (seen === ACCEPT) written += bytes.copy(out, written, start, end);
      else {
        out[written++] = BACKSLASH;
        out[written++] = 0x4e;
      }
      out[written++] = index === last ? LF : TAB;
      start = end;
    }
    lineStart = lineEnd + 1;
  }
  return out.subarray(0, written);
}
