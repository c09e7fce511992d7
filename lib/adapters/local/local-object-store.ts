// The local ObjectStore: objects are files under a directory (`<root>/<key>`), with S3's key and ETag semantics.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import {
  copyFile,
  type FileHandle,
  mkdir,
  open,
  rename,
  rmdir,
  stat,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TerminalError, TransientError } from '../../core/errors.js';
import { assertValidKey, sameEtag } from '../../core/keys/object-key.js';
import { ObjectNotFoundError } from '../../core/keys/object-not-found-error.js';
import type { CopyRange, ObjectBody, ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { keyToParts, partsToKey } from './local-key-path.js';
import {
  type EtagRecord,
  hashing,
  ignoreMissing,
  MISSING,
  md5OfFile,
  readEtagRecord,
  readThrough,
  sidecarOf,
  syncFile,
  toStream,
  walkFiles,
  writeAll,
} from './local-object-files.js';

export type ObjectCreation = 'Put' | 'Copy' | 'CompleteMultipartUpload';

export interface LocalObjectStoreOptions {
  /** The directory standing in for the bucket, e.g. `<workspace>/bucket`. */
  root: string;
  /** The bucket name reported in errors and events. */
  bucket: string;
  /** Called after an object is created, the way S3 emits `ObjectCreated:Put`, `:Copy` or `:CompleteMultipartUpload`. */
  onPut?: (key: string, info: ObjectInfo, how: ObjectCreation) => void | Promise<void>;
}

/** 1 MiB reads: the default 64 KiB makes a multi-GB file cost sixteen times the read calls. */
const READ_CHUNK_BYTES = 1 << 20;

export class LocalObjectStore implements ObjectStore {
  readonly bucket: string;
  private readonly root: string;
  private readonly onPut: LocalObjectStoreOptions['onPut'];

  constructor(options: LocalObjectStoreOptions) {
    this.root = resolve(options.root);
    this.bucket = options.bucket;
    this.onPut = options.onPut;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    const path = this.pathOf(key);
    const stats = await stat(path).catch(ignoreMissing);
    if (stats === undefined || !stats.isFile()) return undefined;
    const recorded = await readEtagRecord(path);
    // A file renamed or removed between the stat and the hash (a writer finishing under its final name) is gone.
    const current =
      recorded !== undefined &&
      recorded.size === stats.size &&
      recorded.mtimeMs === stats.mtimeMs &&
      recorded.ino === stats.ino
        ? recorded.etag
        : await md5OfFile(path)
            .then((md5) => this.recordEtag(path, md5))
            .catch(ignoreMissing);
    if (current === undefined) return undefined;
    return { key, size: stats.size, etag: current, lastModified: stats.mtime };
  }

  async get(key: string): Promise<Readable> {
    const handle = await this.openObject(key);
    return handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
  }

  async *scan(key: string): AsyncIterable<Buffer> {
    const handle = await this.openObject(key);
    try {
      yield* readThrough(handle, Buffer.allocUnsafeSlow(READ_CHUNK_BYTES));
    } finally {
      await handle.close();
    }
  }

  async put(key: string, body: ObjectBody): Promise<ObjectInfo> {
    assertValidKey(key);
    const path = this.pathOf(key);
    const hash = createHash('md5');
    await this.writeAtomically(key, path, async (temp) => {
      await pipeline(toStream(body), hashing(hash), createWriteStream(temp, { flags: 'wx' }));
      await syncFile(temp);
    });
    const info = await this.finish(key, path, `"${hash.digest('hex')}"`);
    await this.onPut?.(key, info, 'Put');
    return info;
  }

  /**
   * `put` of a local file (`ferry put`): read, hashed and written through one reused buffer, where a read stream
   * allocates a fresh buffer per read (measured: 66 MB of them dead at once while a 100 MB file was put).
   */
  async putFile(key: string, source: string): Promise<ObjectInfo> {
    assertValidKey(key);
    // Opened first: a missing source is the caller's error, not the directory race writeAtomically retries.
    const input = await open(source, 'r');
    try {
      const buffer = Buffer.allocUnsafeSlow(READ_CHUNK_BYTES);
      // Each attempt reads the source from its first byte.
      return await this.writeChunks(key, () => readThrough(input, buffer));
    } finally {
      await input.close();
    }
  }

  /** Each chunk is written before the next is asked for: the caller may then reuse the chunk's buffer. */
  async putChunks(key: string, chunks: AsyncIterable<Buffer>): Promise<ObjectInfo> {
    assertValidKey(key);
    let taken = false;
    return this.writeChunks(key, () => {
      // A retry of the directory race happens before the first chunk is asked for; chunks cannot be read twice.
      if (taken) throw new TerminalError(`expected to write ${key} once, found a second attempt`);
      taken = true;
      return chunks;
    });
  }

  /** Writes, hashes and syncs the chunks (asked for once per attempt), then records the object. */
  private async writeChunks(key: string, chunksOf: () => AsyncIterable<Buffer>): Promise<ObjectInfo> {
    const path = this.pathOf(key);
    let md5 = '';
    await this.writeAtomically(key, path, async (temp) => {
      const hash = createHash('md5');
      const output = await open(temp, 'wx');
      try {
        for await (const chunk of chunksOf()) {
          hash.update(chunk);
          await writeAll(output, chunk);
        }
        await output.sync();
      } finally {
        await output.close();
      }
      md5 = hash.digest('hex');
    });
    const info = await this.finish(key, path, `"${md5}"`);
    await this.onPut?.(key, info, 'Put');
    return info;
  }

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    const source = await this.head(fromKey);
    if (source === undefined) throw new ObjectNotFoundError(this.bucket, fromKey);
    assertValidKey(toKey);
    const path = this.pathOf(toKey);
    await this.writeAtomically(toKey, path, (temp) => copyFile(this.pathOf(fromKey), temp));
    const info = await this.finish(toKey, path, source.etag);
    if (info.size !== source.size) {
      await this.delete(toKey);
      throw new TransientError(
        `expected ${fromKey} to stay ${source.size} bytes while copying, found ${info.size}`,
        {
          context: { bucket: this.bucket, key: fromKey },
        },
      );
    }
    await this.onPut?.(toKey, info, 'Copy');
    return info;
  }

  /**
   * A kernel-side copy (copy_file_range or sendfile) cut to the range's end; only a range that does not start at
   * byte 0 streams through this process. Like `copy`, it does not fsync: the source is still there. As on S3,
   * where this is a multipart copy, the ETag is not the MD5 of the bytes but derived from the source's and the range.
   */
  async copyRange(fromKey: string, toKey: string, range: CopyRange): Promise<void> {
    const source = await this.head(fromKey);
    if (source === undefined) throw new ObjectNotFoundError(this.bucket, fromKey);
    const changed = () =>
      new TransientError(
        `expected ${fromKey} to still have ETag ${range.ifMatch} while copying from it, found it changed ` +
          '(probably uploaded again)',
        { context: { bucket: this.bucket, key: fromKey } },
      );
    if (!sameEtag(source.etag, range.ifMatch)) throw changed();
    const { start, end } = range;
    if (
      !(
        Number.isSafeInteger(start) &&
        Number.isSafeInteger(end) &&
        start >= 0 &&
        start <= end &&
        end <= source.size
      )
    ) {
      throw new TerminalError(
        `expected a byte range within the ${source.size} bytes of ${fromKey}, found [${start}, ${end})`,
        { context: { bucket: this.bucket, key: fromKey } },
      );
    }
    assertValidKey(toKey);
    const from = this.pathOf(fromKey);
    const before = await stat(from);
    const path = this.pathOf(toKey);
    await this.writeAtomically(toKey, path, async (temp) => {
      if (start === end) {
        await writeFile(temp, '', { flag: 'wx' });
      } else if (start === 0) {
        await copyFile(from, temp);
        await truncate(temp, end);
      } else {
        const bytes = createReadStream(from, { start, end: end - 1, highWaterMark: READ_CHUNK_BYTES });
        await pipeline(bytes, createWriteStream(temp, { flags: 'wx' }));
      }
    });
    const after = await stat(from).catch(ignoreMissing);
    if (after?.ino !== before.ino || after.mtimeMs !== before.mtimeMs || after.size !== before.size) {
      await this.delete(toKey);
      throw changed();
    }
    const derived = createHash('md5').update(`${source.etag} ${start} ${end}`).digest('hex');
    const info = await this.finish(toKey, path, `"${derived}-1"`);
    await this.onPut?.(toKey, info, 'CompleteMultipartUpload');
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    const path = this.pathOf(key);
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (!MISSING.has(error.code ?? '') && error.code !== 'EISDIR') throw error;
    });
    await unlink(sidecarOf(path)).catch(ignoreMissing);
    await this.pruneEmptyDirectories(dirname(path));
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const base = folder === '' ? [] : keyToParts(folder.slice(0, -1));
    const keys: string[] = [];
    for await (const parts of walkFiles(this.root, base)) {
      const key = partsToKey(parts);
      if (key.startsWith(prefix)) keys.push(key);
    }
    // S3 lists in the binary order of the keys' UTF-8 bytes.
    keys.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    for (const key of keys) {
      const info = await this.head(key);
      if (info !== undefined) yield info;
    }
  }

  private async openObject(key: string): Promise<FileHandle> {
    assertValidKey(key);
    return open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      if (MISSING.has(error.code ?? '') || error.code === 'EISDIR')
        throw new ObjectNotFoundError(this.bucket, key);
      throw error;
    });
  }

  private pathOf(key: string): string {
    return join(this.root, ...keyToParts(key));
  }

  /** Writes into a temp file beside the target, then renames: a reader never sees half an object. */
  private async writeAtomically(
    key: string,
    path: string,
    write: (temp: string) => Promise<void>,
  ): Promise<void> {
    const temp = join(dirname(path), `.tmp.${randomBytes(8).toString('hex')}`);
    // Concurrent deletes prune empty directories, even one mkdir is still creating or one just made: several
    // writers and deleters in one folder (a split's parts) can lose that race more than once in a row.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.makeDirectory(key, dirname(path));
        await write(temp);
        break;
      } catch (error) {
        await unlink(temp).catch(ignoreMissing);
        if (attempt < MAX_WRITE_ATTEMPTS && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
    }
    try {
      await rename(temp, path).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EISDIR' && error.code !== 'ENOTEMPTY') throw error;
        // an empty directory left by an interrupted delete may go; one holding other keys may not
        await rmdir(path).catch(() => {
          throw conflict(key);
        });
        await rename(temp, path);
      });
    } catch (error) {
      await unlink(temp).catch(ignoreMissing);
      throw error;
    }
  }

  private async makeDirectory(key: string, directory: string): Promise<void> {
    await mkdir(directory, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST' || error.code === 'ENOTDIR') throw conflict(key);
      throw error;
    });
  }

  private async finish(key: string, path: string, etag: string): Promise<ObjectInfo> {
    const recorded = await this.recordEtag(path, etag);
    const stats = await stat(path);
    return { key, size: stats.size, etag: recorded, lastModified: stats.mtime };
  }

  private async recordEtag(path: string, etag: string): Promise<string> {
    const stats = await stat(path);
    const record: EtagRecord = { etag, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
    const temp = join(dirname(path), `.tmp.${randomBytes(8).toString('hex')}`);
    await writeFile(temp, JSON.stringify(record));
    await rename(temp, sidecarOf(path));
    return etag;
  }

  private async pruneEmptyDirectories(directory: string): Promise<void> {
    let current = directory;
    while (current !== this.root && current.startsWith(this.root)) {
      const removed = await rmdir(current).then(
        () => true,
        () => false,
      );
      if (!removed) return;
      current = dirname(current);
    }
  }
}

/** Enough for any realistic number of concurrent prunes of one folder. */
const MAX_WRITE_ATTEMPTS = 20;

function conflict(key: string): TerminalError {
  return new TerminalError(
    `cannot store "${key}" in the local store: a key that is a prefix of it (up to a "/") is already an object, ` +
      'or it is itself a prefix of stored keys; S3 allows both, a directory cannot (MinIO in filesystem mode has the same limit)',
    { context: { key } },
  );
}
