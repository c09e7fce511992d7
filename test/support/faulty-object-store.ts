// An ObjectStore that fails chosen calls (the nth get, every copy into archive/, …) and passes the rest through.
import { Readable } from 'node:stream';
import type { CopyRange, ObjectBody, ObjectInfo, ObjectStore } from '../../lib/ports/object-store.js';
import { FaultBook, type FaultPlan } from './faulty-fault.js';

export const storeOps = [
  'head',
  'get',
  'get-midstream',
  'put',
  'copy',
  'copy-range',
  'delete',
  'list',
] as const;
export type StoreOp = (typeof storeOps)[number];
export type StoreFault = FaultPlan<StoreOp>;

export class FaultyObjectStore implements ObjectStore {
  readonly faults = new FaultBook<StoreOp>();

  constructor(private readonly inner: ObjectStore) {}

  get bucket(): string {
    return this.inner.bucket;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.raise('head', key);
    return this.inner.head(key);
  }

  async get(key: string): Promise<Readable> {
    this.raise('get', key);
    const body = await this.inner.get(key);
    const midstream = this.faults.check('get-midstream', key);
    if (midstream === undefined) return body;
    // The connection drops after the first chunk: the reader sees some bytes, then an error.
    return Readable.from(firstChunkThenFail(body, midstream));
  }

  async put(key: string, body: ObjectBody): Promise<ObjectInfo> {
    const error = this.faults.check('put', key);
    if (error !== undefined) {
      // An upload that fails still drains what it was given, as a failed multipart upload stops reading.
      if (body instanceof Readable) body.resume();
      throw error;
    }
    return this.inner.put(key, body);
  }

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    this.raise('copy', toKey);
    return this.inner.copy(fromKey, toKey);
  }

  async copyRange(fromKey: string, toKey: string, range: CopyRange): Promise<void> {
    this.raise('copy-range', toKey);
    return this.inner.copyRange(fromKey, toKey, range);
  }

  async delete(key: string): Promise<void> {
    this.raise('delete', key);
    return this.inner.delete(key);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    this.raise('list', prefix);
    yield* this.inner.list(prefix);
  }

  private raise(op: StoreOp, key: string): void {
    const error = this.faults.check(op, key);
    if (error !== undefined) throw error;
  }
}

async function* firstChunkThenFail(body: Readable, error: Error): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    yield chunk as Buffer;
    break;
  }
  body.destroy();
  throw error;
}
