// Row lineage: every data record of a prepared copy starts with its line number in the decompressed original.
import type { Rule } from '../rules/rule.js';
import { isBlankLine } from './line-scanner.js';
import { CsvRecordEnds } from './record-ends.js';

const newline = 0x0a;

/** Fixed-width line numbers are this many digits, zero-padded: the FIXEDWIDTH spec gives the column this width. */
export const lineNumberWidth = 12;

/**
 * The number goes first, so FILLRECORD, fixed-width offsets and the last field's escapes are untouched; COPY loads it
 * into the stage's first column. A CSV record spanning lines is numbered once, by its first line; blank lines stay
 * as they are (COPY skips them). `lines` hold whole lines with LF endings, `firstLine` the number of the first.
 */
export class LineNumbers {
  private readonly separator: string;
  private readonly fixed: boolean;
  private readonly csv: CsvRecordEnds | undefined;
  /** A CSV record continues from the previous write (a quoted field spans the cut). */
  private continuing = false;

  constructor(rule: Pick<Rule, 'layout' | 'delimiter' | 'quote'>) {
    this.fixed = rule.layout === 'fixed_width';
    this.separator = this.fixed ? '' : (rule.delimiter ?? (rule.layout === 'csv' ? ',' : '|'));
    if (rule.layout === 'csv') this.csv = new CsvRecordEnds(rule.quote ?? '"', rule.delimiter ?? ',');
  }

  stamp(lines: Buffer, firstLine: number): Buffer {
    const pieces: Buffer[] = [];
    let at = 0;
    let line = firstLine;
    while (at < lines.length) {
      const nl = lines.indexOf(newline, at);
      const end = nl === -1 ? lines.length : nl + 1;
      const starts = !this.continuing && (lines[at]! > 0x20 || !isBlankLine(lines, at, end));
      if (starts) pieces.push(Buffer.from(this.prefix(line)));
      pieces.push(lines.subarray(at, end));
      if (this.csv) this.continuing = this.csvContinues(lines, at, end);
      at = end;
      line++;
    }
    return Buffer.concat(pieces);
  }

  /** Whether the CSV record open at this line is still open after it (its line feed was inside quotes). */
  private csvContinues(lines: Buffer, at: number, end: number): boolean {
    const line = lines.subarray(at, end);
    return this.csv!.next(line, 0, 0) === -1 && line[line.length - 1] === newline;
  }

  private prefix(line: number): string {
    return this.fixed ? String(line).padStart(lineNumberWidth, '0') : `${line}${this.separator}`;
  }
}
