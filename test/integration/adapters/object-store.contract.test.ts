// One ObjectStore contract, run against every implementation: a local directory and an S3-protocol server.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalError, TransientError } from '../../../lib/core/errors.js';
import { moveObject } from '../../../lib/core/keys/archive.js';
import { ObjectNotFoundError } from '../../../lib/core/keys/object-not-found-error.js';
import type { ObjectStore } from '../../../lib/ports/object-store.js';
import { delegatingStore } from '../../support/delegating-store.js';
import {
  collect,
  generatedBody,
  objectStoreTargets,
  quotedMd5,
  readAll,
  type StartedStore,
} from '../../support/object-stores.js';

const MIB = 1024 * 1024;

const hostileKeys = [
  'external_input/my file (1).txt',
  'external_input/a+b=c&d.txt',
  'external_input/100%25 done%.csv',
  `external_input/it's "quoted".txt`,
  'external_input/semi;colon;-- drop.txt',
  'external_input/ünïcödé/日本語 😀.txt',
  'external_input/~tilde!*#?[]{}<>|^`.txt',
  `external_input/${'x'.repeat(985)}`,
];

describe.each(objectStoreTargets)('ObjectStore on $name', (target) => {
  let started: StartedStore;
  let store: ObjectStore;

  beforeEach(async () => {
    started = await target.start();
    store = started.store;
  });

  afterEach(async () => {
    await started.stop();
  });

  it('streams a multi-MB body in and out byte for byte', async () => {
    const size = 12 * MIB + 12345;
    const body = generatedBody(size);

    const put = await store.put('external_input/big.dat', body.stream);
    const bytes = await readAll(await store.get('external_input/big.dat'));

    expect(bytes.length).toBe(size);
    expect(createHash('md5').update(bytes).digest('hex')).toBe(body.md5);
    expect(put.size).toBe(size);
    expect((await store.head('external_input/big.dat'))?.etag).toBe(put.etag);
  });

  it('reports the quoted MD5 as the ETag of a single-part object, from put and head alike', async () => {
    const put = await store.put('external_input/small.txt', 'a|b|c\n');
    const head = await store.head('external_input/small.txt');

    expect(put).toMatchObject({ key: 'external_input/small.txt', size: 6, etag: quotedMd5('a|b|c\n') });
    expect(head).toMatchObject({ key: 'external_input/small.txt', size: 6, etag: quotedMd5('a|b|c\n') });
    expect(head?.lastModified).toBeInstanceOf(Date);
  });

  it('stores, reads, lists and copies keys with spaces, +, %, quotes, ;, unicode and 1,000 characters', async () => {
    expect(hostileKeys.at(-1)).toHaveLength(1000);
    for (const key of hostileKeys) {
      const content = `content of ${key.length}:${key.slice(15, 40)}`;
      await store.put(key, Buffer.from(content));

      expect((await readAll(await store.get(key))).toString()).toBe(content);
      expect(await store.head(key)).toMatchObject({
        key,
        size: Buffer.byteLength(content),
        etag: quotedMd5(content),
      });
      const copy = await store.copy(key, `archive/${key.slice('external_input/'.length)}`);
      expect(copy).toMatchObject({ size: Buffer.byteLength(content), etag: quotedMd5(content) });
    }

    const listed = (await collect(store.list('external_input/'))).map((object) => object.key);
    expect([...listed].sort()).toEqual([...hostileKeys].sort());
    const archived = (await collect(store.list('archive/'))).map((object) =>
      object.key.slice('archive/'.length),
    );
    expect([...archived].sort()).toEqual(
      hostileKeys.map((key) => key.slice('external_input/'.length)).sort(),
    );
  });

  it('accepts a key of exactly 1,024 bytes and refuses one of 1,025', async () => {
    const longest = `k/${'é'.repeat(511)}`;
    expect(Buffer.byteLength(longest)).toBe(1024);

    await store.put(longest, 'edge');

    expect((await store.head(longest))?.size).toBe(4);
    await expect(store.put(`${longest}x`, 'too long')).rejects.toThrow(
      'expected an object key of at most 1024 bytes, found 1025 bytes',
    );
  });

  it('answers undefined for the head of a missing key and ObjectNotFoundError for its body', async () => {
    expect(await store.head('external_input/missing.txt')).toBeUndefined();
    const failure = await store.get('external_input/missing.txt').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ObjectNotFoundError);
    expect(failure).toBeInstanceOf(TerminalError);
    expect((failure as Error).message).toContain('external_input/missing.txt');
  });

  it('copies an object keeping its size and ETag and leaves the source as it was', async () => {
    const source = await store.put('external_input/feed.txt', 'one\ntwo\n');

    const copy = await store.copy('external_input/feed.txt', 'archive/527/feed.txt_2026-01-02-03-04-05');

    expect(copy).toMatchObject({
      key: 'archive/527/feed.txt_2026-01-02-03-04-05',
      size: 8,
      etag: source.etag,
    });
    expect(await store.head('external_input/feed.txt')).toMatchObject({ size: 8, etag: source.etag });
    expect((await readAll(await store.get(copy.key))).toString()).toBe('one\ntwo\n');
    await expect(store.copy('external_input/none.txt', 'archive/none.txt')).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
  });

  describe('copyRange', () => {
    it('copies the bytes of a multi-MB range from the start or from the middle, leaving the source as it was', async () => {
      const size = 12 * MIB + 777;
      const body = generatedBody(size);
      const source = await store.put('external_input/big.dat', body.stream);
      const bytes = await readAll(await store.get('external_input/big.dat'));

      for (const [start, end] of [
        [0, 12 * MIB + 700],
        [3 * MIB + 5, 11 * MIB + 1],
      ] as const) {
        await store.copyRange('external_input/big.dat', 'processing/big.dat', {
          start,
          end,
          ifMatch: source.etag,
        });
        const copied = await readAll(await store.get('processing/big.dat'));
        expect(copied.equals(bytes.subarray(start, end))).toBe(true);
        // a multipart object's ETag, as S3 gives one: not the MD5 of the bytes, so nobody reads them to make it
        expect(await store.head('processing/big.dat')).toMatchObject({
          size: end - start,
          etag: expect.stringMatching(/^"[0-9a-f]{32}-1"$/),
        });
      }
      expect(await store.head('external_input/big.dat')).toMatchObject({ size, etag: source.etag });
    });

    it('copies an empty range as an empty object, and a whole small object byte for byte', async () => {
      const source = await store.put('external_input/feed.txt', 'a|b\nTRL1\n');
      await store.copyRange('external_input/feed.txt', 'processing/empty.txt', {
        start: 4,
        end: 4,
        ifMatch: source.etag,
      });
      await store.copyRange('external_input/feed.txt', 'processing/all.txt', {
        start: 0,
        end: 9,
        ifMatch: source.etag,
      });

      expect((await readAll(await store.get('processing/empty.txt'))).length).toBe(0);
      expect((await readAll(await store.get('processing/all.txt'))).toString()).toBe('a|b\nTRL1\n');
    });

    it('refuses to copy from an object that changed since its ETag was read, and leaves nothing behind', async () => {
      const first = await store.put('external_input/feed.txt', 'a|b\nTRL1\n');
      await store.put('external_input/feed.txt', 'c|d\ne|f\nTRL2\n');

      const copying = store.copyRange('external_input/feed.txt', 'processing/feed.txt', {
        start: 0,
        end: 4,
        ifMatch: first.etag,
      });

      await expect(copying).rejects.toThrow(/expected external_input\/feed.txt to still have ETag/);
      await expect(copying).rejects.toBeInstanceOf(TransientError);
      expect(await store.head('processing/feed.txt')).toBeUndefined();
    });

    it('answers ObjectNotFoundError for a missing source', async () => {
      await expect(
        store.copyRange('external_input/none.txt', 'processing/none.txt', {
          start: 0,
          end: 1,
          ifMatch: '"x"',
        }),
      ).rejects.toBeInstanceOf(ObjectNotFoundError);
    });
  });

  it('replaces an object on a second put with the new bytes and a new ETag', async () => {
    const first = await store.put('external_input/feed.txt', 'first');
    const second = await store.put('external_input/feed.txt', 'second!');

    expect(second.etag).not.toBe(first.etag);
    expect(await store.head('external_input/feed.txt')).toMatchObject({
      size: 7,
      etag: quotedMd5('second!'),
    });
    expect((await readAll(await store.get('external_input/feed.txt'))).toString()).toBe('second!');
  });

  it('deletes an object, and deleting a missing key is not an error', async () => {
    await store.put('external_input/feed.txt', 'x');

    await store.delete('external_input/feed.txt');
    await store.delete('external_input/feed.txt');
    await store.delete('external_input/never-was.txt');

    expect(await store.head('external_input/feed.txt')).toBeUndefined();
    expect(await collect(store.list('external_input/'))).toEqual([]);
  });

  it('lists keys under a prefix in the binary order of their UTF-8 bytes', async () => {
    const keys = ['b', 'a/2', 'a/10', 'a/1', 'a-b', 'a b', 'A', 'é', 'z', 'ab', 'a/1x/deeper', 'ß'];
    for (const key of [...keys].reverse()) await store.put(key, key);
    const utf8Order = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

    const all = await collect(store.list(''));
    const underA = (await collect(store.list('a/'))).map((object) => object.key);
    const startingWithA = (await collect(store.list('a'))).map((object) => object.key);

    expect(all.map((object) => object.key)).toEqual(utf8Order);
    expect(all.find((object) => object.key === 'é')).toMatchObject({ size: 2, etag: quotedMd5('é') });
    expect(underA).toEqual(['a/1', 'a/10', 'a/1x/deeper', 'a/2']);
    expect(startingWithA).toEqual(['a b', 'a-b', 'a/1', 'a/10', 'a/1x/deeper', 'a/2', 'ab']);
    expect(await collect(store.list('nothing/'))).toEqual([]);
  });

  it('lists every key when the listing spans several pages', async () => {
    const keys = Array.from({ length: 40 }, (_, index) => `many/${String(index).padStart(4, '0')}.txt`);
    await Promise.all(keys.map((key) => store.put(key, key)));

    const listed = (await collect(store.list('many/'))).map((object) => object.key);

    expect(listed).toHaveLength(40);
    expect(listed).toEqual(keys);
  });

  describe('moveObject', () => {
    it('moves an object: the copy has the same bytes and ETag, the source is gone', async () => {
      const source = await store.put('external_input/feed file.txt', 'payload');

      const moved = await moveObject(
        store,
        'external_input/feed file.txt',
        'archive/527/feed file.txt_stamp',
      );

      expect(moved).toMatchObject({ key: 'archive/527/feed file.txt_stamp', size: 7, etag: source.etag });
      expect(await store.head('external_input/feed file.txt')).toBeUndefined();
      expect((await readAll(await store.get('archive/527/feed file.txt_stamp'))).toString()).toBe('payload');
    });

    it('leaves the source in place when the copy fails', async () => {
      const source = await store.put('external_input/feed.txt', 'payload');
      const refusing: ObjectStore = {
        ...delegatingStore(store),
        copy: () => Promise.reject(new Error('copy refused')),
      };

      await expect(
        moveObject(refusing, 'external_input/feed.txt', 'archive/error/feed.txt_stamp'),
      ).rejects.toThrow('copy refused');

      expect(await store.head('external_input/feed.txt')).toMatchObject({ size: 7, etag: source.etag });
      expect(await store.head('archive/error/feed.txt_stamp')).toBeUndefined();
    });

    it('leaves the source in place when the copy does not match it', async () => {
      await store.put('external_input/feed.txt', 'payload');
      const corrupting: ObjectStore = {
        ...delegatingStore(store),
        copy: (_from, to) => store.put(to, 'payloaX'),
      };

      await expect(
        moveObject(corrupting, 'external_input/feed.txt', 'archive/feed.txt_stamp'),
      ).rejects.toThrow(
        `expected the copy at archive/feed.txt_stamp to have 7 bytes and ETag ${quotedMd5('payload')}, found 7 bytes, ETag ${quotedMd5('payloaX')}; external_input/feed.txt was left in place`,
      );

      expect(await store.head('external_input/feed.txt')).toMatchObject({ etag: quotedMd5('payload') });
    });

    it('finishes a move whose delete failed earlier without copying again', async () => {
      await store.put('external_input/feed.txt', 'payload');
      let copies = 0;
      const counting: ObjectStore = {
        ...delegatingStore(store),
        copy: (from, to) => {
          copies += 1;
          return store.copy(from, to);
        },
      };
      const failingDelete: ObjectStore = {
        ...counting,
        delete: () => Promise.reject(new Error('delete failed')),
      };

      await expect(
        moveObject(failingDelete, 'external_input/feed.txt', 'archive/feed.txt_stamp'),
      ).rejects.toThrow('delete failed');
      const moved = await moveObject(counting, 'external_input/feed.txt', 'archive/feed.txt_stamp');

      expect(copies).toBe(1);
      expect(moved.key).toBe('archive/feed.txt_stamp');
      expect(await store.head('external_input/feed.txt')).toBeUndefined();
    });

    it('never overwrites a different object already archived under the same key', async () => {
      await store.put('archive/feed.txt_stamp', 'earlier file');
      await store.put('external_input/feed.txt', 'later file');

      const moved = await moveObject(store, 'external_input/feed.txt', 'archive/feed.txt_stamp');

      expect(moved.key).toBe('archive/feed.txt_stamp-1');
      expect((await readAll(await store.get('archive/feed.txt_stamp'))).toString()).toBe('earlier file');
      expect((await readAll(await store.get('archive/feed.txt_stamp-1'))).toString()).toBe('later file');
    });

    it('refuses to move a missing object', async () => {
      await expect(moveObject(store, 'external_input/none.txt', 'archive/none.txt')).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
    });
  });
});
