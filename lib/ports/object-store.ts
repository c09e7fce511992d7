// The ObjectStore port: what the core needs from S3, and what the local directory store also offers.
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  /** The S3 version id, on a versioned bucket (row lineage stamps it, else the ETag). */
  versionId?: string;
}

export type ObjectBody = Readable | Buffer | string;

/** Bytes `[start, end)` of an object, copied only while it still has ETag `ifMatch`. */
export interface CopyRange {
  start: number;
  end: number;
  ifMatch: string;
}

export interface ObjectStore {
  readonly bucket: string;
  /** undefined when the object does not exist. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** A stream of the object's bytes; never buffers the whole object. */
  get(key: string): Promise<Readable>;
  /**
   * The object's bytes through one reused buffer, for a reader that is done with each chunk before it asks for the
   * next (nothing may keep a chunk: the next read overwrites it). Optional: a store without it is read through get.
   * Fresh buffers per read wait, dead, for V8's next collection; 64 MB of them before V8 counts them as pressure.
   */
  scan?(key: string): AsyncIterable<Buffer>;
  /** Streams the body in (multipart on S3); resolves once the object is durable. */
  put(key: string, body: ObjectBody): Promise<ObjectInfo>;
  /**
   * `put` of chunks the caller reuses: the store asks for the next chunk only once it is done with the last, so the
   * caller may overwrite a chunk's bytes once the next is asked for. Optional: a store without it is given fresh
   * buffers through put (a stream's reader may keep a chunk for as long as it likes).
   */
  putChunks?(key: string, chunks: AsyncIterable<Buffer>): Promise<ObjectInfo>;
  copy(fromKey: string, toKey: string): Promise<ObjectInfo>;
  /**
   * Copies part of an object into a new one inside the store (server-side on S3), so the bytes never pass
   * through this process. Fails with a TransientError when `fromKey` no longer has ETag `range.ifMatch`.
   */
  copyRange(fromKey: string, toKey: string, range: CopyRange): Promise<void>;
  delete(key: string): Promise<void>;
  list(prefix: string): AsyncIterable<ObjectInfo>;
}
