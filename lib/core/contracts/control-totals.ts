// The trailer's control totals checked in the pass that counts the records: a column's exact sum, a digest of the data.
import { createHash, type Hash } from 'node:crypto';
import type { ContractCheck } from '../../ports/notifier.js';
import { isBlankLine } from '../ingest/line-scanner.js';
import { CsvRecordEnds } from '../ingest/record-ends.js';
import type { ControlTotals, Rule, TrailerPosition } from '../rules/rule.js';
import { excerpt } from '../text/safe-text.js';
import { DecimalSum, formatDecimal, parseDecimal, sameDecimal } from './decimal-sum.js';
import { type Field, type FieldReader, fieldReader } from './field-reader.js';

const newline = 0x0a;
const carriageReturn = 0x0d;
const lineFeed = Buffer.from('\n');

type TotalsRule = Pick<
  Rule,
  'id' | 'layout' | 'delimiter' | 'quote' | 'backslashEscape' | 'columns' | 'nullAs' | 'escapeChar'
> & { controlTotals: ControlTotals };

/**
 * Fed the scanner's data lines (header and trailer excluded) with their line numbers. The sum adds the column's
 * values exactly; an empty value (or the rule's NULL AS text) is a NULL, which a SQL sum ignores. The digest covers
 * every non-blank data line in order, each as its bytes without the line ending followed by one `\n`: CRLF and LF
 * files of the same lines have the same digest, and blank lines do not count.
 */
export class ControlTotalsCheck {
  private readonly sum: DecimalSum | undefined;
  private readonly read: FieldReader | undefined;
  private readonly csv: CsvRecordEnds | undefined;
  private readonly hash: Hash | undefined;
  /** The first value that is not a number, and its line; the sum stops there. */
  private bad: { line: number; value: string } | undefined;
  /** A CSV record not ended yet (its line feed may be in a later write), and its first line. */
  private pending: Buffer[] = [];
  private pendingLine = 0;

  constructor(private readonly rule: TotalsRule) {
    const { sum, hash } = rule.controlTotals;
    if (sum) {
      const index = rule.columns.findIndex(
        (column) => column.name.toLowerCase() === sum.column.toLowerCase(),
      );
      this.read = fieldReader(rule, index);
      this.sum = new DecimalSum();
      if (rule.layout === 'csv') this.csv = new CsvRecordEnds(rule.quote ?? '"', rule.delimiter ?? ',');
    }
    if (hash) this.hash = createHash(hash.algorithm);
  }

  /** Whole data lines with their endings; `firstLine` is the 1-based line number of the first. */
  data(lines: Buffer, firstLine: number, records?: number): void {
    let count: number | undefined;
    if (this.sum && !this.bad) {
      if (this.csv) this.csvRecords(lines, firstLine);
      else count = this.lineRecords(lines, firstLine);
    }
    if (!this.hash) return;
    // Every line a record (none blank) and no CR: the bytes are already the digest's form, given to it at once.
    if (count !== undefined && count === records && lines.indexOf(carriageReturn) === -1) {
      this.hash.update(lines);
      if (lines[lines.length - 1] !== newline) this.hash.update(lineFeed);
    } else this.digest(lines);
  }

  /** The verdicts against the trailer line (without its ending). */
  verdicts(trailer: string): ContractCheck[] {
    const { sum, hash } = this.rule.controlTotals;
    const checks: ContractCheck[] = [];
    if (sum) checks.push(this.sumVerdict(trailer, sum.position));
    if (hash) checks.push(this.hashVerdict(trailer, hash.position));
    return checks;
  }

  private sumVerdict(trailer: string, position: TrailerPosition): ContractCheck {
    this.flushCsv();
    const declared = trailerField(trailer, position);
    const expected = declared === undefined ? undefined : parseDecimal(declared);
    if (declared === undefined || expected === undefined) {
      return {
        check: 'control_sum',
        outcome: 'failed',
        expected: `a decimal sum at ${span(position)}`,
        found: `'${excerpt(declared ?? trailer)}'`,
      };
    }
    const expectedText = declared.trim();
    if (this.bad) {
      const column = this.rule.controlTotals.sum!.column;
      return {
        check: 'control_sum',
        outcome: 'failed',
        expected: `sum ${expectedText} of numbers in column ${column}`,
        found: `'${excerpt(this.bad.value)}' on line ${this.bad.line}, not a number`,
      };
    }
    const total = this.sum!.total();
    const same = sameDecimal(total, expected);
    return {
      check: 'control_sum',
      outcome: same ? 'passed' : 'failed',
      expected: `sum ${expectedText}`,
      found: `sum ${formatDecimal(total)} of ${this.sum!.count} values`,
    };
  }

  private hashVerdict(trailer: string, position: TrailerPosition): ContractCheck {
    const algorithm = this.rule.controlTotals.hash!.algorithm;
    const found = this.hash!.digest('hex');
    const declared = trailerField(trailer, position)?.trim();
    return {
      check: 'control_hash',
      outcome: declared !== undefined && declared.toLowerCase() === found ? 'passed' : 'failed',
      expected: `${algorithm} ${declared === undefined ? `at ${span(position)}` : excerpt(declared)}`,
      found: `${algorithm} ${found}`,
    };
  }

  /** Runs of clean lines (non-blank, LF-ended) go to the digest whole; other lines one by one, normalised. */
  private digest(lines: Buffer): void {
    const hash = this.hash!;
    let at = 0;
    let run = 0;
    while (at < lines.length) {
      const nl = lines.indexOf(newline, at);
      const end = nl === -1 ? lines.length : nl + 1;
      const blank = lines[at]! <= 0x20 && isBlankLine(lines, at, end);
      const clean = !blank && nl !== -1 && (nl === at || lines[nl - 1] !== carriageReturn);
      if (!clean) {
        if (run < at) hash.update(lines.subarray(run, at));
        if (!blank) {
          const contentEnd = nl === -1 ? end : lines[nl - 1] === carriageReturn ? nl - 1 : nl;
          hash.update(lines.subarray(at, contentEnd));
          hash.update(lineFeed);
        }
        run = end;
      }
      at = end;
    }
    if (run < lines.length) hash.update(lines.subarray(run));
  }

  /** Adds each record's value; returns the lines seen, or undefined when a value stopped the sum. */
  private lineRecords(lines: Buffer, firstLine: number): number | undefined {
    let at = 0;
    let line = firstLine;
    while (at < lines.length) {
      const nl = lines.indexOf(newline, at);
      const end = nl === -1 ? lines.length : nl + 1;
      if (lines[at]! > 0x20 || !isBlankLine(lines, at, end)) {
        const contentEnd = nl === -1 ? end : lines[nl - 1] === carriageReturn ? nl - 1 : nl;
        if (!this.add(this.read!(lines, at, contentEnd), line)) return undefined;
      }
      at = end;
      line++;
    }
    return line - firstLine;
  }

  /** CSV records end only at a line feed outside quotes, so one may span lines and writes. */
  private csvRecords(lines: Buffer, firstLine: number): void {
    let at = 0;
    let line = firstLine;
    if (this.pending.length === 0) this.pendingLine = firstLine;
    while (at < lines.length) {
      const end = this.csv!.next(lines, at, at);
      if (end === -1) {
        this.pending.push(Buffer.from(lines.subarray(at)));
        return;
      }
      const record =
        this.pending.length > 0
          ? Buffer.concat([...this.pending, lines.subarray(at, end)])
          : lines.subarray(at, end);
      const recordLine = this.pending.length > 0 ? this.pendingLine : line;
      this.pending = [];
      for (let i = at; i <= end; i++) if (lines[i] === newline) line++;
      at = end + 1;
      this.pendingLine = line;
      if (!this.csvRecord(record, recordLine)) return;
    }
  }

  /** A last CSV record without a line ending. */
  private flushCsv(): void {
    if (this.pending.length === 0 || this.bad) return;
    const record = Buffer.concat(this.pending);
    this.pending = [];
    this.csvRecord(record, this.pendingLine);
  }

  private csvRecord(record: Buffer, line: number): boolean {
    if (isBlankLine(record, 0, record.length)) return true;
    const end = record[record.length - 1] === carriageReturn ? record.length - 1 : record.length;
    return this.add(this.read!(record, 0, end), line);
  }

  /** Adds one value; false once a value is not a number (remembered for the verdict). */
  private add(field: Field, line: number): boolean {
    if (field === undefined) return true;
    const sum = this.sum!;
    if ('bytes' in field) {
      const { bytes, start, end } = field;
      // Empty (or only spaces) loads as NULL under EMPTYASNULL/BLANKSASNULL, and a SQL sum ignores NULLs.
      if (start === end || isBlankLine(bytes, start, end)) return true;
      if (sum.addBytes(bytes, start, end)) return true;
      return this.addText(bytes.toString('utf8', start, end), line);
    }
    return this.addText(field.text, line);
  }

  private addText(field: string, line: number): boolean {
    if (field === this.rule.nullAs) return true;
    // ESCAPE: a backslash makes the next character data and is dropped; REMOVEQUOTES drops surrounding quotes.
    const unescaped = this.rule.backslashEscape ? field.replace(/\\(.)/gsu, '$1') : field;
    const text = this.rule.escapeChar === undefined ? unescaped : unquoted(unescaped);
    if (text.trim() === '') return true;
    const value = parseDecimal(text);
    if (value) {
      this.sum!.add(value);
      return true;
    }
    this.bad = { line, value: text };
    return false;
  }
}

/** REMOVEQUOTES drops the quotes around a value. */
function unquoted(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : text;
}

function trailerField(trailer: string, position: TrailerPosition): string | undefined {
  const text = trailer.replace(/\r$/, '');
  return text.length < position.end - 1 ? undefined : text.slice(position.start - 1, position.end - 1);
}

function span(position: TrailerPosition): string {
  return `trailer characters ${position.start}-${position.end - 1}`;
}
