// Groups data lines by record type (a line's first characters) into one object per code; other lines are dropped.

import { excerpt } from '../text/safe-text.js';
import { viewOf } from './byte-runs.js';
import { isBlankLine } from './line-scanner.js';
import type { ObjectSink } from './object-sink.js';
import { RecordTypeCodes } from './record-type-codes.js';

const newline = 0x0a;
const sampleLimit = 5;

export interface SplitWriterOptions {
  codes: string[];
  open(code: string): ObjectSink;
}

/**
 * Each `write` finds the runs of consecutive lines of one code (a blank line continues the run before it), then
 * appends each run to its code's object, which copies it: `lines` may be a view of a buffer the reader reuses.
 */
export class SplitWriter {
  /** In the order each code's first line was seen. */
  readonly sinks = new Map<string, ObjectSink>();
  dropped = 0;
  readonly droppedSample: string[] = [];
  private readonly table: RecordTypeCodes;
  /** Per code index: its sink once opened, and the current write's records. */
  private readonly opened: (ObjectSink | undefined)[];
  private readonly records: Int32Array;
  /** The current write's runs as (code, start, end) triples; kept between writes to spare the allocation. */
  private runs = new Int32Array(3 * 1024);

  constructor(private readonly options: SplitWriterOptions) {
    this.table = new RecordTypeCodes(options.codes);
    const count = options.codes.length;
    this.opened = new Array(count).fill(undefined);
    this.records = new Int32Array(count);
  }

  /** `lines` holds whole lines (the input's last line may lack its ending). */
  write(lines: Buffer): void {
    this.records.fill(0);
    const used = this.findRuns(lines);
    if (used === 0) return;
    const from = viewOf(lines);
    const runs = this.runs;
    for (let r = 0; r < used; r += 3) this.opened[runs[r]!]!.append(from, runs[r + 1]!, runs[r + 2]!);
    // Lines of one code are joined with lines of others removed: a last line without its ending needs one.
    if (lines[lines.length - 1] !== newline && runs[used - 1] === lines.length) {
      this.opened[runs[used - 3]!]!.endLine();
    }
    for (let code = 0; code < this.opened.length; code++) {
      if (this.records[code]! > 0) this.opened[code]!.records += this.records[code]!;
    }
  }

  async ready(): Promise<void> {
    for (const sink of this.sinks.values()) await sink.ready();
  }

  /** Records the runs of `lines` in `this.runs` and counts each code's lines; returns the slots used. */
  private findRuns(lines: Buffer): number {
    let used = 0;
    let runCode = -1;
    let runStart = 0;
    let lineStart = 0;
    while (lineStart < lines.length) {
      const nl = lines.indexOf(newline, lineStart);
      const lineEnd = nl === -1 ? lines.length : nl + 1;
      // Most lines start with a printable byte, so the blank test rarely runs.
      if (lines[lineStart]! > 0x20 || !isBlankLine(lines, lineStart, lineEnd)) {
        const code = this.table.match(lines, lineStart, lineEnd);
        if (code !== runCode) {
          if (runCode !== -1) used = this.addRun(used, runCode, runStart, lineStart);
          runCode = code;
          runStart = lineStart;
        }
        if (code === -1) this.drop(lines, lineStart, lineEnd);
        else this.records[code]!++;
      }
      lineStart = lineEnd;
    }
    if (runCode !== -1) used = this.addRun(used, runCode, runStart, lines.length);
    return used;
  }

  private addRun(used: number, code: number, start: number, end: number): number {
    if (used + 3 > this.runs.length) {
      const grown = new Int32Array(this.runs.length * 2);
      grown.set(this.runs);
      this.runs = grown;
    }
    this.runs[used] = code;
    this.runs[used + 1] = start;
    this.runs[used + 2] = end;
    if (this.opened[code] === undefined) this.open(code);
    return used + 3;
  }

  private open(code: number): void {
    const name = this.options.codes[code]!;
    const sink = this.options.open(name);
    this.opened[code] = sink;
    this.sinks.set(name, sink);
  }

  private drop(lines: Buffer, start: number, end: number): void {
    this.dropped++;
    if (this.droppedSample.length < sampleLimit) {
      this.droppedSample.push(excerpt(lines.toString('utf8', start, end).replace(/\r?\n$/, ''), 200));
    }
  }
}
