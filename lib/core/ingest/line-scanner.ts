// One-pass line scanner over byte chunks: drops a BOM, finds header and trailer, counts data records.
import { ValidationError } from '../errors.js';

const newline = 0x0a;
const bom = [0xef, 0xbb, 0xbf] as const;

export interface ScanOptions {
  /** The first non-blank line is a header, not a record. */
  header: boolean;
  /** The last non-blank line is a trailer, not a record; it is held back until the input ends. */
  trailer: boolean;
  /** Longest line accepted, so a file without line endings cannot fill memory; default 16 MiB. */
  maxLineBytes?: number;
}

/** Redshift rejects rows over 4 MB; a line four times that is not a record, whatever the file claims. */
export const defaultMaxLineBytes = 16 * 1024 * 1024;

/** Receives the file as it is scanned. Buffers may be views of the input chunks: consume them, do not keep them. */
export interface LineEvents {
  /** The header line, without its line ending. */
  header?(line: Buffer): void;
  /**
   * Whole lines with their endings, holding `records` data records and possibly blank lines; `firstLine` is the
   * 1-based physical line number of the first of them in the input (header, blank lines and a BOM'd line counted).
   */
  data?(lines: Buffer, records: number, firstLine: number): void;
}

export interface ScanResult {
  /** Data records: non-blank lines other than the header and the trailer. */
  records: number;
  /** Without its line ending; undefined when the options asked for none or the input had no non-blank line. */
  header?: Buffer;
  trailer?: Buffer;
  /** Where the trailer line starts, in bytes from the start of the input (a BOM included). */
  trailerStart?: number;
}

/** True when the line holds only spaces, tabs, CR, VT or FF: such a line is not a record. */
export function isBlankLine(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0b && b !== 0x0c) return false;
  }
  return true;
}

/** The line without its `\n` or `\r\n` (a lone `\r` at the very end of the input is content, as in `/\r?\n/`). */
export function withoutLineEnding(line: Buffer): Buffer {
  let end = line.length;
  if (end === 0 || line[end - 1] !== newline) return line;
  end--;
  if (end > 0 && line[end - 1] === 0x0d) end--;
  return line.subarray(0, end);
}

export class LineScanner {
  private records = 0;
  /** Bytes of a line whose ending has not arrived yet (copied: a long line spans chunks). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Input bytes pushed before the current chunk (after the BOM). */
  private offset = 0;
  private bomBytes = 0;
  /** Up to two leading bytes that may still turn out to be a BOM. */
  private start: Buffer | undefined = Buffer.alloc(0);
  private wantHeader: boolean;
  private header: Buffer | undefined;
  private headerStart: number | undefined;
  /** The latest non-blank line, with its ending: the trailer if nothing non-blank follows; and where it starts. */
  private held: Buffer | undefined;
  private heldStart = 0;
  private heldLine = 0;
  /** Physical lines scanned so far. */
  private lines = 0;

  constructor(
    private readonly options: ScanOptions,
    private readonly events: LineEvents = {},
  ) {
    this.wantHeader = options.header;
  }

  /** Data records counted so far (a held-back line is not counted until something follows it). */
  get recordsSoFar(): number {
    return this.records;
  }

  /** The input so far began with a byte order mark. */
  get startsWithBom(): boolean {
    return this.bomBytes > 0;
  }

  /** Where the header line starts, after any BOM (0 unless blank lines came first); undefined until found. */
  get headerOffset(): number | undefined {
    return this.headerStart;
  }

  push(chunk: Buffer): void {
    if (this.start) {
      const joined = this.start.length > 0 ? Buffer.concat([this.start, chunk]) : chunk;
      if (joined.length < bom.length && bom.slice(0, joined.length).every((b, i) => joined[i] === b)) {
        // Copied: the chunk may be a reused read buffer.
        this.start = Buffer.from(joined);
        return;
      }
      this.start = undefined;
      if (startsWithBom(joined)) this.bomBytes = bom.length;
      chunk = joined.subarray(this.bomBytes);
    }
    const chunkOffset = this.offset;
    this.offset += chunk.length;
    const first = chunk.indexOf(newline);
    if (first === -1) {
      if (chunk.length > 0) this.keep(chunk, chunkOffset);
      return;
    }
    let from = 0;
    if (this.pending.length > 0) {
      this.pending.push(chunk.subarray(0, first + 1));
      const line = Buffer.concat(this.pending);
      const lineOffset = chunkOffset - this.pendingBytes;
      this.pending = [];
      this.pendingBytes = 0;
      this.scan(line, 0, line.length, lineOffset);
      from = first + 1;
    }
    const last = chunk.lastIndexOf(newline);
    if (last >= from) this.scan(chunk, from, last + 1, chunkOffset);
    if (last + 1 < chunk.length) this.keep(chunk.subarray(last + 1), chunkOffset + last + 1);
  }

  /** Keeps the start of a line whose ending has not arrived, refusing one too long to be a record. */
  private keep(part: Buffer, at: number): void {
    const limit = this.options.maxLineBytes ?? defaultMaxLineBytes;
    const lineStart = at - this.pendingBytes;
    this.pendingBytes += part.length;
    if (this.pendingBytes > limit) {
      throw new ValidationError(
        `lines should be at most ${limit} bytes, found a longer one starting at byte ${lineStart} ` +
          '(a file without line endings, or not a text file)',
      );
    }
    this.pending.push(Buffer.from(part));
  }

  end(): ScanResult {
    if (this.start && this.start.length > 0) {
      const rest = this.start;
      this.start = undefined;
      this.scan(rest, 0, rest.length, 0);
    }
    this.start = undefined;
    if (this.pending.length > 0) {
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.scan(line, 0, line.length, this.offset - this.pendingBytes);
    }
    const result: ScanResult = { records: this.records };
    if (this.header) result.header = this.header;
    if (this.options.trailer && this.held) {
      result.trailer = withoutLineEnding(this.held);
      result.trailerStart = this.bomBytes + this.heldStart;
    }
    return result;
  }

  /**
   * Scans whole lines in `buf[from, to)`, where `buf` starts at input byte `base` (after the BOM); only the input's
   * last line may lack its ending.
   */
  private scan(buf: Buffer, from: number, to: number, base: number): void {
    let lineStart = this.wantHeader ? this.skipHeader(buf, from, to, base) : from;
    const runStart = lineStart;
    const runLine = this.lines + 1;
    // The hot loop: one native indexOf per line, a one-byte test for most lines, nothing else.
    let nonBlank = 0;
    let lastStart = -1;
    let lastEnd = -1;
    let line = this.lines;
    let lastLine = 0;
    while (lineStart < to) {
      const lineEnd = lineEndOf(buf, lineStart, to);
      line++;
      if (buf[lineStart]! > 0x20 || !isBlankLine(buf, lineStart, lineEnd)) {
        nonBlank++;
        lastStart = lineStart;
        lastEnd = lineEnd;
        lastLine = line;
      }
      lineStart = lineEnd;
    }
    this.lines = line;
    if (nonBlank === 0) return;
    if (!this.options.trailer) {
      this.records += nonBlank;
      this.events.data?.(buf.subarray(runStart, to), nonBlank, runLine);
      return;
    }
    if (this.held) this.release();
    if (nonBlank > 1) {
      this.records += nonBlank - 1;
      this.events.data?.(buf.subarray(runStart, lastStart), nonBlank - 1, runLine);
    }
    // Blank lines after the last non-blank line are dropped: they are not records, and keeping them would
    // put them before the held line in the output.
    this.held = Buffer.from(buf.subarray(lastStart, lastEnd));
    this.heldStart = base + lastStart;
    this.heldLine = lastLine;
  }

  /** Finds the header (the first non-blank line); returns where the lines after it start. */
  private skipHeader(buf: Buffer, from: number, to: number, base: number): number {
    let lineStart = from;
    while (lineStart < to) {
      const lineEnd = lineEndOf(buf, lineStart, to);
      this.lines++;
      if (!isBlankLine(buf, lineStart, lineEnd)) {
        this.wantHeader = false;
        this.header = Buffer.from(withoutLineEnding(buf.subarray(lineStart, lineEnd)));
        this.headerStart = base + lineStart;
        this.events.header?.(this.header);
        return lineEnd;
      }
      lineStart = lineEnd;
    }
    return to;
  }

  /** A later non-blank line arrived: the held line was a record after all. */
  private release(): void {
    const line = this.held!;
    this.held = undefined;
    this.records++;
    this.events.data?.(line, 1, this.heldLine);
  }
}

/**
 * Where the line starting at `start` ends (after its `\n`), at most `to`. An empty line is answered without a native
 * call: a file of nothing but newlines (a gzip bomb's favourite payload) then scans at memory speed, so the expansion
 * limit fails it in seconds rather than minutes.
 */
function lineEndOf(buf: Buffer, start: number, to: number): number {
  if (buf[start] === newline) return start + 1;
  const nl = buf.indexOf(newline, start);
  return nl === -1 || nl >= to ? to : nl + 1;
}

function startsWithBom(buf: Buffer): boolean {
  return buf.length >= bom.length && buf[0] === bom[0] && buf[1] === bom[1] && buf[2] === bom[2];
}
