import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../../lib/core/ingest/byte-runs.js';
import { ObjectSink } from '../../../../lib/core/ingest/object-sink.js';
import type { ObjectInfo } from '../../../../lib/ports/object-store.js';
import { MemoryObjectStore } from '../../../support/memory-object-store.js';

/** Writes `bytes` in uneven pieces, each a view of one buffer that is poisoned as soon as the write returns. */
async function writeReusing(sink: ObjectSink, bytes: Buffer): Promise<void> {
  const buffer = Buffer.alloc(70_001);
  let size = 1;
  for (let at = 0; at < bytes.length; at += size) {
    size = 1 + ((at * 7919) % buffer.length);
    const read = bytes.copy(buffer, 0, at, at + size);
    sink.write(buffer.subarray(0, read), 1);
    buffer.fill('#');
    await sink.ready();
  }
}

describe('ObjectSink', () => {
  const bytes = randomBytes(3 << 20);

  it('stores every byte it was given though the caller reused its buffer, through putChunks held a while by the store', async () => {
    // The store holds each chunk over several turns while the writer goes on, and fails if its bytes changed.
    const store = new MemoryObjectStore('test', { reuseBuffer: true });
    const sink = new ObjectSink(store, 'part', false);
    await writeReusing(sink, bytes);
    await sink.finish();
    expect(store.bytes('part')!.equals(bytes)).toBe(true);
    expect(sink.bytes).toBe(bytes.length);
  });

  it('stores the same bytes through a stream when the store has no putChunks, gzipped or not', async () => {
    for (const gzip of [false, true]) {
      const store = new MemoryObjectStore('test');
      const sink = new ObjectSink(store, 'part', gzip);
      await writeReusing(sink, bytes);
      await sink.finish();
      const stored = store.bytes('part')!;
      expect((gzip ? gunzipSync(stored) : stored).equals(bytes)).toBe(true);
    }
  });

  it('appends runs of lines and ends a last line without its line feed, across its blocks', async () => {
    const store = new MemoryObjectStore('test', { reuseBuffer: true });
    const sink = new ObjectSink(store, 'part', false);
    const lines = Buffer.from('H1|é€😀\nD1|x\n'.repeat(40_000));
    const from = viewOf(lines);
    let expected = '';
    for (let start = 0; start < lines.length; ) {
      const end = Math.min(lines.length, start + 1 + (start % 1031));
      sink.append(from, start, end);
      expected += lines.toString('latin1', start, end);
      start = end;
    }
    sink.endLine();
    await sink.finish();
    expect(store.bytes('part')!.toString('latin1')).toBe(`${expected}\n`);
  });

  it('has the writer wait while a megabyte waits for the store, and go on once the store takes it', async () => {
    let pull: () => void = () => {};
    const pulled = new Promise<void>((resolve) => {
      pull = resolve;
    });
    const kept: Buffer[] = [];
    const store = new MemoryObjectStore('test');
    Object.assign(store, {
      async putChunks(key: string, chunks: AsyncIterable<Buffer>): Promise<ObjectInfo> {
        await pulled;
        for await (const chunk of chunks) kept.push(Buffer.from(chunk));
        return { key, size: 0, etag: '"e"', lastModified: new Date() };
      },
    });
    const sink = new ObjectSink(store, 'part', false);
    sink.write(bytes.subarray(0, 2 << 20), 0);
    let ready = false;
    const waiting = sink.ready().then(() => {
      ready = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ready).toBe(false);
    pull();
    await waiting;
    await sink.finish();
    expect(Buffer.concat(kept).equals(bytes.subarray(0, 2 << 20))).toBe(true);
  });

  it('stops the store with the reason it is aborted for, and refuses more bytes once the store failed', async () => {
    const store = new MemoryObjectStore('test', { reuseBuffer: true });
    const sink = new ObjectSink(store, 'part', false);
    sink.write(bytes.subarray(0, 600_000), 0);
    const reason = new Error('input failed');
    await sink.abort(reason);
    await expect(sink.finish()).rejects.toBe(reason);
    expect(() => sink.write(Buffer.from('more'), 1)).toThrow(reason);
    expect(store.bytes('part')).toBeUndefined();
  });
});
