// The ObjectStore port: what the core needs from S3, and what the local directory store also offers.
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

export type ObjectBody = Readable | Buffer | string;

export interface ObjectStore {
  readonly bucket: string;
  /** undefined when the object does not exist. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** A stream of the object's bytes; never buffers the whole object. */
  get(key: string): Promise<Readable>;
  /** Streams the body in (multipart on S3); resolves once the object is durable. */
  put(key: string, body: ObjectBody): Promise<ObjectInfo>;
  copy(fromKey: string, toKey: string): Promise<ObjectInfo>;
  delete(key: string): Promise<void>;
  list(prefix: string): AsyncIterable<ObjectInfo>;
}
