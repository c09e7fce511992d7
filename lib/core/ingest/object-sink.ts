// One object being written while the input is read: a stream into `store.put`, optionally gzipped, with backpressure.
import { PassThrough, type Transform } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
import type { ObjectInfo, ObjectStore } from '../../ports/object-store.js';

/** Enough buffer to absorb a few input chunks without stalling the scanner on every write. */
const bufferBytes = 1 << 20;

export class ObjectSink {
  bytes = 0;
  records = 0;
  private readonly stream: Transform;
  private readonly stored: Promise<ObjectInfo>;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(
    store: ObjectStore,
    readonly key: string,
    gzip: boolean,
  ) {
    this.stream = gzip
      ? // zlib streams pass stream options through, though ZlibOptions does not declare them.
        createGzip({ level: constants.Z_BEST_SPEED, ...({ highWaterMark: bufferBytes } as object) })
      : new PassThrough({ highWaterMark: bufferBytes });
    // Failures surface through `stored`; without a listener, an abort before the store starts reading would crash.
    this.stream.on('error', () => {});
    this.stored = store.put(key, this.stream);
    this.stored.catch((error: unknown) => {
      this.failure ??= error;
      this.wake?.();
    });
  }

  /** Queues bytes; call `ready()` before queueing much more. */
  write(bytes: Buffer, records: number): void {
    if (this.failure !== undefined) throw this.failure;
    this.bytes += bytes.length;
    this.records += records;
    this.stream.write(bytes);
  }

  /** Resolves once the queue has drained below its limit; rejects if the upload failed. */
  async ready(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (!this.stream.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      this.stream.on('drain', done);
    });
    if (this.failure !== undefined) throw this.failure;
  }

  /** Ends the object; resolves once the store holds it. */
  finish(): Promise<ObjectInfo> {
    if (!this.stream.writableEnded) this.stream.end();
    return this.stored;
  }

  /** Stops the upload; the store must not keep a partial object (the caller also deletes the key). */
  async abort(reason: Error): Promise<void> {
    this.stream.destroy(reason);
    await this.stored.catch(() => undefined);
  }
}
