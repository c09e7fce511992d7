// File helpers of the local object store: ETag sidecars, durable writes, hashing and directory walks.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ObjectBody } from '../../ports/object-store.js';
import { isInternalName } from './local-key-path.js';

/** What `head` needs to trust a stored ETag: the file it was computed for must be unchanged. */
export interface EtagRecord {
  etag: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

export const MISSING = new Set(['ENOENT', 'ENOTDIR']);

export function sidecarOf(path: string): string {
  return join(dirname(path), `.etag.${basename(path)}`);
}

export async function readEtagRecord(path: string): Promise<EtagRecord | undefined> {
  const text = await readFile(sidecarOf(path), 'utf8').catch(ignoreMissing);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as EtagRecord;
  } catch {
    return undefined; // a torn or foreign sidecar: recompute
  }
}

export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `"${hash.digest('hex')}"`;
}

/**
 * The file from its first byte, read into `buffer` again and again: each chunk is a view of it, valid until the next
 * is asked for.
 */
export async function* readThrough(handle: FileHandle, buffer: Buffer): AsyncIterable<Buffer> {
  for (let position = 0; ; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** Writes every byte of `bytes` (a write may take fewer than it was given). */
export async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let written = 0; written < bytes.length; ) {
    written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
  }
}

/** "Resolves once the object is durable": flush the data before the rename makes it visible. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

export function toStream(body: ObjectBody): Readable {
  return typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
}

export async function* walkFiles(root: string, base: string[]): AsyncIterable<string[]> {
  const entries = await readdir(join(root, ...base), { withFileTypes: true }).catch(ignoreMissing);
  for (const entry of entries ?? []) {
    if (isInternalName(entry.name)) continue;
    const parts = [...base, entry.name];
    if (entry.isDirectory()) yield* walkFiles(root, parts);
    else if (entry.isFile()) yield parts;
  }
}

export function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (MISSING.has(error.code ?? '')) return undefined;
  throw error;
}
