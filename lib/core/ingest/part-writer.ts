// Writes data lines into one prepared object or N parts of about equal size, always cutting at record ends.
import type { ObjectSink } from './object-sink.js';
import { lineEnds, type RecordEnds } from './record-ends.js';

export interface PartWriterOptions {
  /** How many parts at most; 1 writes a single object. */
  parts: number;
  /** Key of part `index` (1-based). */
  keyOf(index: number): string;
  /** Opens the object for a key. */
  open(key: string): ObjectSink;
  /** Best current estimate of the total data bytes; cuts fall at each 1/parts of it. */
  expectedBytes(written: number): number;
  /** Where records end; every line feed when absent. A CSV record may span lines and is never cut. */
  recordEnds?: RecordEnds;
}

export class PartWriter {
  readonly sinks: ObjectSink[] = [];
  private current: ObjectSink | undefined;
  private written = 0;
  private readonly recordEnds: RecordEnds;

  constructor(private readonly options: PartWriterOptions) {
    this.recordEnds = options.recordEnds ?? lineEnds;
  }

  /** `lines` holds whole lines (the input's last line may lack its ending). */
  write(lines: Buffer): void {
    let offset = 0;
    while (offset < lines.length) {
      const sink = this.current ?? this.openNext();
      if (this.sinks.length >= this.options.parts) {
        this.append(sink, lines.subarray(offset));
        return;
      }
      const boundary = Math.ceil(
        (this.sinks.length * this.options.expectedBytes(this.written)) / this.options.parts,
      );
      const room = Math.max(boundary - this.written, 1);
      if (room >= lines.length - offset) {
        // Scanned even though no cut falls here: a CSV quote opened in these lines may close in the next ones.
        this.recordEnds.next(lines, offset, lines.length);
        this.append(sink, lines.subarray(offset));
        return;
      }
      const end = this.recordEnds.next(lines, offset, offset + room - 1);
      if (end === -1) {
        this.append(sink, lines.subarray(offset));
        return;
      }
      this.append(sink, lines.subarray(offset, end + 1));
      // End a full part now, so its upload completes instead of holding its last buffer until the input ends.
      void sink.finish();
      this.current = undefined;
      offset = end + 1;
    }
  }

  /** Waits until the object being written can take more. */
  ready(): Promise<void> {
    return this.current ? this.current.ready() : Promise.resolve();
  }

  async finish(): Promise<string[]> {
    await Promise.all(this.sinks.map((sink) => sink.finish()));
    return this.sinks.map((sink) => sink.key);
  }

  /** Opens the first object when no data came, so an input without records still yields one (empty) object. */
  openIfNone(): void {
    if (this.sinks.length === 0) this.openNext();
  }

  private openNext(): ObjectSink {
    const sink = this.options.open(this.options.keyOf(this.sinks.length + 1));
    this.sinks.push(sink);
    this.current = sink;
    return sink;
  }

  private append(sink: ObjectSink, bytes: Buffer): void {
    sink.write(bytes, 0);
    this.written += bytes.length;
  }
}
