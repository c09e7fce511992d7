// One object being written while the input is read: bytes are copied into the sink's own blocks, so a caller may
// hand it views of a buffer it reuses, then stored through the store's `putChunks` (blocks reused) or `put`.
import type { ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { type ByteView, copyRun, viewOf } from './byte-runs.js';
import { type Outlet, PulledBlocks, StreamedBlocks } from './sink-outlets.js';

const newline = 0x0a;

export class ObjectSink {
  bytes = 0;
  records = 0;
  private readonly outlet: Outlet;
  private readonly stored: Promise<ObjectInfo>;
  private block: ByteView;
  private filled = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(
    store: ObjectStore,
    readonly key: string,
    gzip: boolean,
  ) {
    const drained = () => this.wake?.();
    // A gzip stream's output is fresh whatever its input, and a store without putChunks may keep what it is given.
    if (!gzip && store.putChunks) {
      const pulled = new PulledBlocks(drained);
      this.outlet = pulled;
      this.stored = store.putChunks(key, pulled.chunks());
    } else {
      const streamed = new StreamedBlocks(gzip, drained);
      this.outlet = streamed;
      this.stored = store.put(key, streamed.stream);
    }
    this.stored.catch((error: unknown) => {
      this.failure ??= error;
      this.wake?.();
    });
    this.block = this.outlet.nextBlock();
  }

  /** Copies `bytes` in (the caller may overwrite them afterwards); call `ready()` before writing much more. */
  write(bytes: Buffer, records: number): void {
    this.records += records;
    this.append(viewOf(bytes), 0, bytes.length);
  }

  /** Copies `from[start, end)` in. */
  append(from: ByteView, start: number, end: number): void {
    if (this.failure !== undefined) throw this.failure;
    this.bytes += end - start;
    while (start < end) {
      const room = this.block.bytes.length - this.filled;
      const take = Math.min(room, end - start);
      this.filled = copyRun(from, start, start + take, this.block, this.filled);
      start += take;
      if (this.filled === this.block.bytes.length) this.flush();
    }
  }

  /** Ends a last line that came without its line feed. */
  endLine(): void {
    if (this.failure !== undefined) throw this.failure;
    this.bytes += 1;
    this.block.bytes[this.filled++] = newline;
    if (this.filled === this.block.bytes.length) this.flush();
  }

  /** Resolves once the queue has drained below its limit; rejects if the upload failed. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (!this.outlet.full()) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  /** Ends the object; resolves once the store holds it. */
  finish(): Promise<ObjectInfo> {
    if (this.failure === undefined && !this.outlet.ended()) {
      this.flush();
      this.outlet.end();
    }
    return this.stored;
  }

  /** Stops the upload; the store must not keep a partial object (the caller also deletes the key). */
  async abort(reason: Error): Promise<void> {
    this.outlet.abort(reason);
    await this.stored.catch(() => undefined);
  }

  private flush(): void {
    if (this.filled === 0) return;
    this.block = this.outlet.take(this.block, this.filled);
    this.filled = 0;
  }
}
