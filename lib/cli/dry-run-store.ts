// An ObjectStore over one local file for `ferry explain`: reads stream from the file, writes are counted and dropped.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError } from '../core/keys/object-not-found-error.js';
import type { ObjectBody, ObjectInfo, ObjectStore } from '../ports/object-store.js';

export interface DryRunStore extends ObjectStore {
  /** What the preparation would have written: key and bytes, in order. */
  readonly written: { key: string; bytes: number }[];
}

/** The one object `key` is the file at `path`; nothing else exists, and nothing is ever stored. */
export function dryRunStore(bucket: string, key: string, path: string): DryRunStore {
  const written: { key: string; bytes: number }[] = [];
  const info = async (): Promise<ObjectInfo> => {
    const stats = await stat(path);
    return { key, size: stats.size, etag: '"dry-run"', lastModified: stats.mtime };
  };
  return {
    bucket,
    written,
    async head(asked) {
      return asked === key ? info() : undefined;
    },
    async get(asked) {
      if (asked !== key) throw new ObjectNotFoundError(bucket, asked);
      return createReadStream(path);
    },
    async put(target, body: ObjectBody) {
      const bytes = await drain(body);
      written.push({ key: target, bytes });
      return { key: target, size: bytes, etag: '"dry-run"', lastModified: new Date() };
    },
    async copy(_from, to) {
      return { key: to, size: 0, etag: '"dry-run"', lastModified: new Date() };
    },
    async copyRange(_from, to, range) {
      written.push({ key: to, bytes: range.end - range.start });
    },
    async delete() {},
    async *list() {},
  };
}

async function drain(body: ObjectBody): Promise<number> {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  let bytes = 0;
  await pipeline(
    body,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    }),
  );
  return bytes;
}
