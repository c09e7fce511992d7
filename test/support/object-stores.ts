// Every ObjectStore implementation a contract suite runs against: a temp directory and an S3-protocol server.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3ObjectStore } from '../../lib/adapters/aws/s3-object-store.js';
import { LocalObjectStore } from '../../lib/adapters/local/local-object-store.js';
import type { ObjectInfo, ObjectStore } from '../../lib/ports/object-store.js';
import { startS3Server } from './s3-server.js';

export interface StartedStore {
  store: ObjectStore;
  stop(): Promise<void>;
}

export interface ObjectStoreTarget {
  name: string;
  start(): Promise<StartedStore>;
}

export const objectStoreTargets: ObjectStoreTarget[] = [
  {
    name: 'a local directory',
    async start() {
      const directory = await mkdtemp(join(tmpdir(), 'ferry-store-'));
      const store = new LocalObjectStore({ root: join(directory, 'bucket'), bucket: 'ferry-test' });
      return { store, stop: () => rm(directory, { recursive: true, force: true }) };
    },
  },
  {
    name: 'an S3-protocol server',
    async start() {
      const server = await startS3Server();
      // the smallest part size S3 allows, so a multi-MB body really goes up in several parts, and small list
      // pages, so a listing of a few dozen keys takes several requests
      const store = new S3ObjectStore({
        client: server.client,
        bucket: server.bucket,
        partSize: 5 * 1024 * 1024,
        listPageSize: 7,
      });
      return { store, stop: () => server.stop() };
    },
  },
];

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function collect(objects: AsyncIterable<ObjectInfo>): Promise<ObjectInfo[]> {
  const found: ObjectInfo[] = [];
  for await (const object of objects) found.push(object);
  return found;
}

export function quotedMd5(bytes: Buffer | string): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

/** A deterministic stream of `size` pseudo-random bytes, produced lazily, and the MD5 hex the bytes will have. */
export function generatedBody(size: number, seed = 1): { stream: Readable; md5: string } {
  const hash = createHash('md5');
  for (const chunk of generatedChunks(size, seed)) hash.update(chunk);
  return { stream: Readable.from(generatedChunks(size, seed)), md5: hash.digest('hex') };
}

function* generatedChunks(size: number, seed: number): Generator<Buffer> {
  const chunkSize = 64 * 1024;
  let state = seed;
  for (let offset = 0; offset < size; offset += chunkSize) {
    const chunk = Buffer.alloc(Math.min(chunkSize, size - offset));
    for (let index = 0; index < chunk.length; index += 1) {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      chunk[index] = state >>> 16;
    }
    yield chunk;
  }
}
