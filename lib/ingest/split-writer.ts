// Groups data lines by record type (a line's first characters) into one object per code; other lines are dropped.

import { isBlankLine } from './line-scanner.js';
import type { ObjectSink } from './object-sink.js';
import { preview } from './trailer.js';

const newline = 0x0a;
const sampleLimit = 5;
const endOfLine = Buffer.from('\n');

export interface SplitWriterOptions {
  codes: string[];
  open(code: string): ObjectSink;
}

export class SplitWriter {
  readonly sinks = new Map<string, ObjectSink>();
  dropped = 0;
  readonly droppedSample: string[] = [];
  /** Longest codes first, so `H12` wins over `H1` for a line starting `H12`. */
  private readonly codes: { code: string; bytes: Buffer }[];

  constructor(private readonly options: SplitWriterOptions) {
    this.codes = options.codes
      .map((code) => ({ code, bytes: Buffer.from(code) }))
      .sort((a, b) => b.bytes.length - a.bytes.length);
  }

  /** `lines` holds whole lines (the input's last line may lack its ending). */
  write(lines: Buffer): void {
    const groups = new Map<string, Buffer[]>();
    let runCode: string | undefined;
    let runStart = 0;
    let lineStart = 0;
    const flush = (end: number) => {
      if (runCode === undefined || end <= runStart) return;
      const group = groups.get(runCode);
      if (group) group.push(lines.subarray(runStart, end));
      else groups.set(runCode, [lines.subarray(runStart, end)]);
    };
    while (lineStart < lines.length) {
      const nl = lines.indexOf(newline, lineStart);
      const lineEnd = nl === -1 ? lines.length : nl + 1;
      if (!isBlankLine(lines, lineStart, lineEnd)) {
        const code = this.codeOf(lines, lineStart, lineEnd);
        if (code !== runCode) {
          flush(lineStart);
          runCode = code;
          runStart = lineStart;
        }
        if (code === undefined) this.drop(lines.subarray(lineStart, lineEnd));
        else this.count(code);
      }
      lineStart = lineEnd;
    }
    flush(lines.length);
    for (const [code, group] of groups) {
      const last = group[group.length - 1]!;
      // Lines of one code are joined with lines of others removed: a last line without its ending needs one.
      if (last[last.length - 1] !== newline) group.push(endOfLine);
      this.sinkOf(code).write(group.length === 1 ? group[0]! : Buffer.concat(group), 0);
    }
  }

  async ready(): Promise<void> {
    for (const sink of this.sinks.values()) await sink.ready();
  }

  private codeOf(lines: Buffer, start: number, end: number): string | undefined {
    // A byte loop: codes are a few characters, and a native call per line would cost more than the comparison.
    for (const { code, bytes } of this.codes) {
      if (end - start < bytes.length) continue;
      let i = 0;
      while (i < bytes.length && lines[start + i] === bytes[i]) i++;
      if (i === bytes.length) return code;
    }
    return undefined;
  }

  private count(code: string): void {
    this.sinkOf(code).records++;
  }

  private drop(line: Buffer): void {
    this.dropped++;
    if (this.droppedSample.length < sampleLimit) {
      this.droppedSample.push(preview(line.toString('utf8').replace(/\r?\n$/, ''), 200));
    }
  }

  private sinkOf(code: string): ObjectSink {
    let sink = this.sinks.get(code);
    if (!sink) {
      sink = this.options.open(code);
      this.sinks.set(code, sink);
    }
    return sink;
  }
}
