// An in-memory ObjectStore for unit tests of code that reads and writes objects (not a test of any real store).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CopyRange, ObjectBody, ObjectInfo, ObjectStore } from '../../lib/ports/object-store.js';

interface Stored {
  body: Buffer;
  info: ObjectInfo;
}

export interface MemoryObjectStoreOptions {
  /** Size of the chunks `get` streams, to exercise chunk boundaries. */
  chunkSize?: number;
  /**
   * Offers `scan` through one reused buffer, poisoned with `#` before each next read and after the last: a reader
   * that keeps a chunk past its turn then sees `#`s. Also offers `putChunks`, which holds each chunk while the writer
   * goes on (a few turns of the event loop) and fails the put if the chunk's bytes changed before it asked for more.
   */
  reuseBuffer?: boolean;
  /** Makes `put` of a matching key fail after consuming its body. */
  failPut?: (key: string) => Error | undefined;
}

export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Stored>();
  readonly puts: string[] = [];
  readonly deletes: string[] = [];
  readonly gets: string[] = [];

  readonly scan?: (key: string) => AsyncIterable<Buffer>;
  readonly putChunks?: (key: string, chunks: AsyncIterable<Buffer>) => Promise<ObjectInfo>;

  constructor(
    readonly bucket = 'test-bucket',
    private readonly options: MemoryObjectStoreOptions = {},
  ) {
    if (options.reuseBuffer) {
      this.scan = (key) => this.scanReusing(key);
      this.putChunks = (key, chunks) => this.putHolding(key, chunks);
    }
  }

  private async putHolding(key: string, chunks: AsyncIterable<Buffer>): Promise<ObjectInfo> {
    this.puts.push(key);
    const copies: Buffer[] = [];
    for await (const chunk of chunks) {
      const copy = Buffer.from(chunk);
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
      if (!chunk.equals(copy))
        throw new Error(`expected a chunk of ${key} to stay as given until the next was asked for`);
      copies.push(copy);
    }
    const failure = this.options.failPut?.(key);
    if (failure) throw failure;
    return this.store(key, Buffer.concat(copies));
  }

  private async *scanReusing(key: string): AsyncIterable<Buffer> {
    const stored = this.objects.get(key);
    if (!stored) throw new Error(`no object at ${key}`);
    this.gets.push(key);
    const size = this.options.chunkSize ?? 64 * 1024;
    const buffer = Buffer.alloc(size);
    try {
      for (let at = 0; at < stored.body.length; at += size) {
        const read = stored.body.copy(buffer, 0, at, at + size);
        yield buffer.subarray(0, read);
        buffer.fill('#');
      }
    } finally {
      buffer.fill('#');
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    return this.objects.get(key)?.info;
  }

  async get(key: string): Promise<Readable> {
    const stored = this.objects.get(key);
    if (!stored) throw new Error(`no object at ${key}`);
    this.gets.push(key);
    const size = this.options.chunkSize ?? 64 * 1024;
    const body = stored.body;
    return Readable.from(
      (function* () {
        for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
      })(),
    );
  }

  async put(key: string, body: ObjectBody): Promise<ObjectInfo> {
    this.puts.push(key);
    const bytes = await collect(body);
    const failure = this.options.failPut?.(key);
    if (failure) throw failure;
    return this.store(key, bytes);
  }

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    const stored = this.objects.get(fromKey);
    if (!stored) throw new Error(`no object at ${fromKey}`);
    return this.store(toKey, stored.body);
  }

  async copyRange(fromKey: string, toKey: string, { start, end, ifMatch }: CopyRange): Promise<void> {
    const stored = this.objects.get(fromKey);
    if (!stored) throw new Error(`no object at ${fromKey}`);
    if (stored.info.etag !== ifMatch)
      throw new Error(`expected ETag ${ifMatch} at ${fromKey}, found ${stored.info.etag}`);
    this.store(toKey, stored.body.subarray(start, end));
  }

  async delete(key: string): Promise<void> {
    this.deletes.push(key);
    this.objects.delete(key);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix)) yield this.objects.get(key)!.info;
    }
  }

  /** Test helper: the object's bytes, or undefined. */
  bytes(key: string): Buffer | undefined {
    return this.objects.get(key)?.body;
  }

  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  private store(key: string, body: Buffer): ObjectInfo {
    const info = {
      key,
      size: body.length,
      etag: createHash('md5').update(body).digest('hex'),
      lastModified: new Date(),
    };
    this.objects.set(key, { body, info });
    return info;
  }
}

async function collect(body: ObjectBody): Promise<Buffer> {
  if (typeof body === 'string') return Buffer.from(body);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
