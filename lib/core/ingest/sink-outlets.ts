// Where an ObjectSink's filled blocks go: pulled by the store block by block (and reused), or written to a stream.
import { PassThrough, type Transform } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
import { type ByteView, viewOf } from './byte-runs.js';

/** The blocks bytes are copied into: few enough calls per input chunk, small enough to keep several queued. */
const blockBytes = 256 << 10;
/** Enough queued to absorb a few input chunks without stalling the scanner on every write. */
const queueBytes = 1 << 20;

export interface Outlet {
  /** The first block to fill. */
  nextBlock(): ByteView;
  /** Takes a filled block (its first `length` bytes); returns the block to fill next. */
  take(block: ByteView, length: number): ByteView;
  /** Enough is queued that the writer should wait for the drain callback. */
  full(): boolean;
  ended(): boolean;
  end(): void;
  abort(reason: Error): void;
}

/**
 * Blocks queued for the store's `putChunks`, which asks for the next chunk only once it has written the last: that
 * block is then free to be filled again, so a sink allocates a handful of blocks whatever the object's size.
 */
export class PulledBlocks implements Outlet {
  private readonly queue: { block: ByteView; length: number }[] = [];
  private readonly free: ByteView[] = [];
  private queued = 0;
  private done = false;
  private failure: Error | undefined;
  private wakeReader: (() => void) | undefined;

  constructor(private readonly drained: () => void) {}

  nextBlock(): ByteView {
    return this.free.pop() ?? viewOf(Buffer.allocUnsafeSlow(blockBytes));
  }

  take(block: ByteView, length: number): ByteView {
    this.queue.push({ block, length });
    this.queued += length;
    this.wakeReader?.();
    return this.nextBlock();
  }

  full(): boolean {
    return this.queued >= queueBytes;
  }

  ended(): boolean {
    return this.done;
  }

  end(): void {
    this.done = true;
    this.wakeReader?.();
  }

  abort(reason: Error): void {
    this.failure ??= reason;
    this.done = true;
    this.wakeReader?.();
  }

  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const next = this.queue.shift();
      if (next === undefined) {
        if (this.done) return;
        await new Promise<void>((resolve) => {
          this.wakeReader = resolve;
        });
        this.wakeReader = undefined;
        continue;
      }
      yield next.block.bytes.subarray(0, next.length);
      // Asked for the next chunk: the store has written this one, so its block may be overwritten.
      this.queued -= next.length;
      this.free.push(next.block);
      this.drained();
    }
  }
}

/**
 * Blocks written to a stream the store's `put` reads (optionally gzipped). Nothing says when a stream's reader is
 * done with a chunk, so every block is a fresh one.
 */
export class StreamedBlocks implements Outlet {
  readonly stream: Transform;

  constructor(gzip: boolean, drained: () => void) {
    this.stream = gzip
      ? // zlib streams pass stream options through, though ZlibOptions does not declare them.
        createGzip({ level: constants.Z_BEST_SPEED, ...({ highWaterMark: queueBytes } as object) })
      : new PassThrough({ highWaterMark: queueBytes });
    // Failures surface through the store's promise; without a listener, an abort before it reads would crash.
    this.stream.on('error', () => {});
    this.stream.on('drain', drained);
  }

  nextBlock(): ByteView {
    return viewOf(Buffer.allocUnsafe(blockBytes));
  }

  take(block: ByteView, length: number): ByteView {
    this.stream.write(block.bytes.subarray(0, length));
    return this.nextBlock();
  }

  full(): boolean {
    return this.stream.writableNeedDrain;
  }

  ended(): boolean {
    return this.stream.writableEnded;
  }

  end(): void {
    this.stream.end();
  }

  abort(reason: Error): void {
    this.stream.destroy(reason);
  }
}
