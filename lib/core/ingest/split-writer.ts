// Groups data lines by record type (a line's first characters) into one object per code; other lines are dropped.

import { excerpt } from '../text/safe-text.js';
import { isBlankLine } from './line-scanner.js';
import type { ObjectSink } from './object-sink.js';
import { RecordTypeCodes } from './record-type-codes.js';

const newline = 0x0a;
const sampleLimit = 5;
/** Longer runs are copied natively; shorter ones (most are a line or two) by a word loop that costs no call. */
const longRunBytes = 512;

export interface SplitWriterOptions {
  codes: string[];
  open(code: string): ObjectSink;
}

/**
 * Each `write` finds the runs of consecutive lines of one code (a blank line continues the run before it), then
 * gives every code one buffer: a view of the input when its lines form one large run, else a copy of its runs.
 * Each code gets its own copy: a buffer shared by all codes would stay alive until the slowest object took it.
 */
export class SplitWriter {
  /** In the order each code's first line was seen. */
  readonly sinks = new Map<string, ObjectSink>();
  dropped = 0;
  readonly droppedSample: string[] = [];
  private readonly table: RecordTypeCodes;
  /** Per code index: its sink once opened, and the current write's records, bytes, runs, copy and copy offset. */
  private readonly opened: (ObjectSink | undefined)[];
  private readonly records: Int32Array;
  private readonly bytes: Int32Array;
  private readonly runCount: Int32Array;
  private readonly copies: (View | undefined)[];
  private readonly copyEnd: Int32Array;
  /** The current write's runs as (code, start, end) triples; kept between writes to spare the allocation. */
  private runs = new Int32Array(3 * 1024);

  constructor(private readonly options: SplitWriterOptions) {
    this.table = new RecordTypeCodes(options.codes);
    const count = options.codes.length;
    this.opened = new Array(count).fill(undefined);
    this.records = new Int32Array(count);
    this.bytes = new Int32Array(count);
    this.runCount = new Int32Array(count);
    this.copies = new Array(count).fill(undefined);
    this.copyEnd = new Int32Array(count);
  }

  /** `lines` holds whole lines (the input's last line may lack its ending). */
  write(lines: Buffer): void {
    this.records.fill(0);
    this.bytes.fill(0);
    this.runCount.fill(0);
    const used = this.findRuns(lines);
    if (used === 0) return;
    // Lines of one code are joined with lines of others removed: a last line without its ending needs one.
    const endsUnended = lines[lines.length - 1] !== newline && this.runs[used - 1] === lines.length;
    const unended = endsUnended ? this.runs[used - 3]! : -1;
    this.allocateCopies(lines.length, unended);
    const from = viewOf(lines);
    const runs = this.runs;
    for (let r = 0; r < used; r += 3) {
      const code = runs[r]!;
      const copy = this.copies[code];
      if (copy === undefined) {
        this.opened[code]!.write(lines.subarray(runs[r + 1]!, runs[r + 2]!), this.records[code]!);
      } else {
        this.copyEnd[code] = copyRun(from, runs[r + 1]!, runs[r + 2]!, copy, this.copyEnd[code]!);
      }
    }
    for (let code = 0; code < this.copies.length; code++) {
      const copy = this.copies[code];
      if (copy === undefined) continue;
      if (code === unended) copy.bytes[copy.bytes.length - 1] = newline;
      this.opened[code]!.write(copy.bytes, this.records[code]!);
      this.copies[code] = undefined;
    }
  }

  async ready(): Promise<void> {
    for (const sink of this.sinks.values()) await sink.ready();
  }

  /** Records the runs of `lines` in `this.runs` and counts each code's lines and bytes; returns the slots used. */
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
    this.bytes[code]! += end - start;
    this.runCount[code]!++;
    if (this.opened[code] === undefined) this.open(code);
    return used + 3;
  }

  /**
   * A buffer of its own for each code whose lines need copying: several runs, the unended last line, or a run
   * too small a part of the write to keep the whole input chunk alive in its object's queue.
   */
  private allocateCopies(writeBytes: number, unended: number): void {
    for (let code = 0; code < this.copies.length; code++) {
      const bytes = this.bytes[code]!;
      const view = this.runCount[code] === 1 && code !== unended && bytes * 2 >= writeBytes;
      this.copyEnd[code] = 0;
      this.copies[code] =
        bytes === 0 || view ? undefined : viewOf(Buffer.allocUnsafe(code === unended ? bytes + 1 : bytes));
    }
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

interface View {
  bytes: Buffer;
  words: DataView;
}

function viewOf(bytes: Buffer): View {
  return { bytes, words: new DataView(bytes.buffer, bytes.byteOffset, bytes.length) };
}

/** Copies `from[start, end)` into `to` at `at`; returns where the copy ends. */
function copyRun(from: View, start: number, end: number, to: View, at: number): number {
  if (end - start > longRunBytes) return at + from.bytes.copy(to.bytes, at, start, end);
  let i = start;
  let o = at;
  for (; end - i >= 4; i += 4, o += 4) to.words.setUint32(o, from.words.getUint32(i));
  while (i < end) to.bytes[o++] = from.bytes[i++]!;
  return o;
}
