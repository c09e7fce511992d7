// A bare directory store for the benchmarks: what Ferry's own code costs, without the local store's MD5 and fsync.
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectBody, ObjectInfo, ObjectStore } from '../../lib/ports/object-store.js';

/** Reads 1 MiB chunks: at Node's default 64 KiB, per-chunk stream costs outweigh the line scan. */
export class PlainFileStore implements ObjectStore {
  constructor(
    private readonly root: string,
    readonly bucket = 'bench',
  ) {}

  async head(key: string): Promise<ObjectInfo | undefined> {
    const stats = await stat(join(this.root, key)).catch(() => undefined);
    return stats && { key, size: stats.size, etag: String(stats.mtimeMs), lastModified: stats.mtime };
  }

  async get(key: string): Promise<Readable> {
    return createReadStream(join(this.root, key), { highWaterMark: 1 << 20 });
  }

  async put(key: string, body: ObjectBody): Promise<ObjectInfo> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    const source =
      typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
    await pipeline(source, createWriteStream(path));
    return (await this.head(key))!;
  }

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    await mkdir(dirname(join(this.root, toKey)), { recursive: true });
    await copyFile(join(this.root, fromKey), join(this.root, toKey));
    return (await this.head(toKey))!;
  }

  async delete(key: string): Promise<void> {
    await unlink(join(this.root, key)).catch(() => undefined);
  }

  async *list(): AsyncIterable<ObjectInfo> {}
}
