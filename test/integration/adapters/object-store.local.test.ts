// What only the local directory store has to prove: how keys land on disk, atomic puts, foreign files, callbacks.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../lib/adapters/local/local-object-store.js';
import { collect, quotedMd5, readAll } from '../../support/object-stores.js';

describe('LocalObjectStore', () => {
  let workspace: string;
  let root: string;
  let store: LocalObjectStore;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ferry-local-store-'));
    root = join(workspace, 'bucket');
    store = new LocalObjectStore({ root, bucket: 'local' });
  });

  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('stores ordinary keys as readable files, e.g. <root>/external_input/my file.txt', async () => {
    await store.put('external_input/my file.txt', 'hello');

    expect(await readdir(join(root, 'external_input'))).toContain('my file.txt');
  });

  it('stores a 1,000-character key as nested pieces whose names stay within 255 bytes', async () => {
    const key = `external_input/${'x'.repeat(985)}`;
    await store.put(key, 'long');

    const names: string[] = [];
    const walk = async (directory: string): Promise<void> => {
      for (const entry of await readdir(directory, { withFileTypes: true })) {
        names.push(entry.name);
        if (entry.isDirectory()) await walk(join(directory, entry.name));
      }
    };
    await walk(root);

    expect(Math.max(...names.map((name) => Buffer.byteLength(name)))).toBeLessThanOrEqual(255);
    expect(names.filter((name) => name.endsWith('%+'))).toHaveLength(4);
    expect((await collect(store.list('external_input/'))).map((object) => object.key)).toEqual([key]);
  });

  it('keeps . and .. segments literal and inside the root', async () => {
    await store.put('a/../../escape.txt', 'contained');

    expect(await readdir(workspace)).toEqual(['bucket']);
    expect((await readAll(await store.get('a/../../escape.txt'))).toString()).toBe('contained');
    expect((await collect(store.list(''))).map((object) => object.key)).toEqual(['a/../../escape.txt']);
  });

  it('holds a folder marker and the objects under it side by side', async () => {
    await store.put('external_input/', '');
    await store.put('external_input/feed.txt', 'x');

    expect((await collect(store.list('external_input'))).map((object) => [object.key, object.size])).toEqual([
      ['external_input/', 0],
      ['external_input/feed.txt', 1],
    ]);
  });

  it('refuses a key that needs a directory where an object is, and frees the name once the keys are deleted', async () => {
    await store.put('reports/2026', 'an object named like a folder');

    await expect(store.put('reports/2026/jan.txt', 'x')).rejects.toThrow(
      'cannot store "reports/2026/jan.txt" in the local store',
    );
    await store.delete('reports/2026');
    await store.put('reports/2026/jan.txt', 'x');
    await expect(store.put('reports/2026', 'y')).rejects.toThrow(
      'cannot store "reports/2026" in the local store',
    );
    await store.delete('reports/2026/jan.txt');

    expect((await store.put('reports/2026', 'y')).size).toBe(1);
  });

  it('removes directories left empty by a delete', async () => {
    await store.put('a/b/c.txt', 'x');

    await store.delete('a/b/c.txt');

    expect(await readdir(root)).toEqual([]);
  });

  it('reports the right ETag for a file written into the directory behind its back', async () => {
    await store.put('external_input/feed.txt', 'first');
    await writeFile(join(root, 'external_input', 'feed.txt'), 'replaced by hand');
    await writeFile(join(root, 'external_input', 'dropped.txt'), 'dropped in');

    const listed = await collect(store.list('external_input/'));

    expect(listed.map((object) => [object.key, object.etag])).toEqual([
      ['external_input/dropped.txt', quotedMd5('dropped in')],
      ['external_input/feed.txt', quotedMd5('replaced by hand')],
    ]);
  });

  it('never shows half an object: until a put finishes, readers see the previous version', async () => {
    await store.put('external_input/feed.txt', 'old');
    let reachGate: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      reachGate = resolve;
    });
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    async function* body() {
      yield Buffer.from('new first half, ');
      reachGate();
      await gate;
      yield Buffer.from('new second half');
    }

    const putting = store.put('external_input/feed.txt', Readable.from(body()));
    await reached;
    const during = await store.head('external_input/feed.txt');
    const listedDuring = (await collect(store.list('external_input/'))).map((object) => object.key);
    const readDuring = (await readAll(await store.get('external_input/feed.txt'))).toString();
    openGate();
    const after = await putting;

    expect(during).toMatchObject({ size: 3, etag: quotedMd5('old') });
    expect(listedDuring).toEqual(['external_input/feed.txt']);
    expect(readDuring).toBe('old');
    expect(after).toMatchObject({ size: 31, etag: quotedMd5('new first half, new second half') });
  });

  it('removes the temp file when the body stream fails, leaving the previous version', async () => {
    await store.put('external_input/feed.txt', 'old');
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('source broke');
    }

    await expect(store.put('external_input/feed.txt', Readable.from(failing()))).rejects.toThrow(
      'source broke',
    );

    expect((await readAll(await store.get('external_input/feed.txt'))).toString()).toBe('old');
    expect((await readdir(join(root, 'external_input'))).filter((name) => name.startsWith('.tmp'))).toEqual(
      [],
    );
  });

  /** A store on the same root that records what each put created. */
  const watchedStore = () => {
    const created: string[] = [];
    const watched = new LocalObjectStore({
      root,
      bucket: 'local',
      onPut: (key, _info, how) => {
        created.push(`${how} ${key}`);
      },
    });
    return { watched, created };
  };

  it('puts a local file of several reads byte for byte, with its MD5 as ETag, and tells onPut', async () => {
    const { watched, created } = watchedStore();
    const bytes = Buffer.alloc(2.5 * 1024 * 1024 + 7);
    for (let at = 0; at < bytes.length; at++) bytes[at] = (at * 31 + (at >> 12)) & 0xff;
    const source = join(workspace, 'feed.bin');
    await writeFile(source, bytes);

    const info = await watched.putFile('external_input/feed.bin', source);

    expect(info).toMatchObject({ size: bytes.length, etag: quotedMd5(bytes) });
    expect((await readAll(await watched.get('external_input/feed.bin'))).equals(bytes)).toBe(true);
    expect(created).toEqual(['Put external_input/feed.bin']);
  });

  it('fails a put of a missing local file with ENOENT and stores nothing', async () => {
    await expect(
      store.putFile('external_input/feed.txt', join(workspace, 'absent.txt')),
    ).rejects.toMatchObject({
      code: 'ENOENT',
    });

    expect(await collect(store.list(''))).toEqual([]);
  });

  it('puts chunks of one reused buffer byte for byte: each is written before the next is asked for', async () => {
    const { watched, created } = watchedStore();
    const bytes = Buffer.alloc(3 * 100_003, 'line é€😀\n');
    const buffer = Buffer.alloc(100_003);
    async function* reusing() {
      for (let at = 0; at < bytes.length; at += buffer.length) {
        bytes.copy(buffer, 0, at, at + buffer.length);
        yield buffer;
        // Asked for the next chunk: the last one is written, so overwriting it must not change the object.
        buffer.fill('#');
      }
    }

    const info = await watched.putChunks('external_input/parts/feed.txt', reusing());

    expect(info).toMatchObject({ size: bytes.length, etag: quotedMd5(bytes) });
    expect((await readAll(await watched.get('external_input/parts/feed.txt'))).equals(bytes)).toBe(true);
    expect(created).toEqual(['Put external_input/parts/feed.txt']);
  });

  it('removes the temp file when the chunks fail, leaving the previous version', async () => {
    await store.put('external_input/feed.txt', 'old');
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('input broke');
    }

    await expect(store.putChunks('external_input/feed.txt', failing())).rejects.toThrow('input broke');

    expect((await readAll(await store.get('external_input/feed.txt'))).toString()).toBe('old');
    expect((await readdir(join(root, 'external_input'))).filter((name) => name.startsWith('.tmp'))).toEqual(
      [],
    );
  });

  it('scans an object in chunks of one reused buffer that together are its bytes', async () => {
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 300, 'ab\n');
    await store.put('external_input/feed.txt', bytes);

    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of store.scan('external_input/feed.txt')) {
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
    }

    expect(Buffer.concat(copies).equals(bytes)).toBe(true);
    expect(copies.map((chunk) => chunk.length)).toEqual([1 << 20, 1 << 20, 300]);
    expect(buffers.size).toBe(1);
    const absent = store.scan('external_input/absent.txt')[Symbol.asyncIterator]();
    await expect(absent.next()).rejects.toThrow(/absent\.txt/);
  });

  it('tells onPut about every created object and how it was created', async () => {
    const created: [string, number, string][] = [];
    const watched = new LocalObjectStore({
      root,
      bucket: 'local',
      onPut: (key, info, how) => {
        created.push([key, info.size, how]);
      },
    });

    await watched.put('external_input/feed.txt', 'abc');
    await watched.copy('external_input/feed.txt', 'archive/feed.txt');
    const { etag } = (await watched.head('external_input/feed.txt'))!;
    await watched.copyRange('external_input/feed.txt', 'processing/feed.txt', {
      start: 0,
      end: 2,
      ifMatch: etag,
    });

    expect(created).toEqual([
      ['external_input/feed.txt', 3, 'Put'],
      ['archive/feed.txt', 3, 'Copy'],
      ['processing/feed.txt', 2, 'CompleteMultipartUpload'],
    ]);
  });
});
