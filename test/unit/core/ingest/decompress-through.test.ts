import { Readable } from 'node:stream';
import { createGunzip, createZstdDecompress, gzipSync, zstdCompressSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompressThrough } from '../../../../lib/core/ingest/decompress-through.js';

type Codec = 'gzip' | 'zstd';
const compress = (codec: Codec, bytes: Buffer) =>
  codec === 'gzip' ? gzipSync(bytes) : zstdCompressSync(bytes);

/** `bytes` cut into `size`-byte chunks, all read into one buffer the reader reuses (as the store's scan does). */
async function* reusedChunks(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  const buffer = Buffer.alloc(size);
  for (let at = 0; at < bytes.length; at += size) {
    const read = bytes.copy(buffer, 0, at, at + size);
    yield buffer.subarray(0, read);
    buffer.fill('#');
  }
}

interface Outcome {
  bytes: Buffer;
  error?: string;
}

/** What Node's zlib stream makes of the same chunks: the output before this change. */
async function viaStream(codec: Codec, bytes: Buffer, size: number): Promise<Outcome> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  const out: Buffer[] = [];
  try {
    const stream = Readable.from(chunks).pipe(codec === 'gzip' ? createGunzip() : createZstdDecompress());
    for await (const chunk of stream) out.push(chunk as Buffer);
    return { bytes: Buffer.concat(out) };
  } catch (error) {
    return { bytes: Buffer.concat(out), error: (error as Error).message };
  }
}

/** The chunks `decompressThrough` hands on, each copied as it comes (a view is valid only until the next). */
async function viaThrough(codec: Codec, bytes: Buffer, size: number, outputSize: number): Promise<Outcome> {
  const output = Buffer.alloc(outputSize);
  const through = decompressThrough(reusedChunks(bytes, size), codec, output)!;
  const out: Buffer[] = [];
  try {
    for await (const chunk of through.chunks) {
      expect(chunk.buffer).toBe(output.buffer);
      out.push(Buffer.from(chunk));
    }
    return { bytes: Buffer.concat(out) };
  } catch (error) {
    expect(error).toBe(through.failure());
    return { bytes: Buffer.concat(out), error: (error as Error).message };
  }
}

// Lines of ASCII and multi-byte UTF-8 (2, 3 and 4 bytes), so chunk ends fall inside lines and characters.
const text = fc
  .array(fc.array(fc.constantFrom('a', 'Z', '0', '|', ' ', 'é', '€', '😀'), { maxLength: 30 }), {
    maxLength: 200,
  })
  .map((lines) => Buffer.from(lines.map((chars) => `${chars.join('')}\n`).join(''), 'utf8'));

describe('decompressThrough', () => {
  for (const codec of ['gzip', 'zstd'] as const) {
    it(`gives the bytes ${codec}'s stream gives, through one reused buffer, however input and output are cut`, async () => {
      await fc.assert(
        fc.asyncProperty(
          text,
          fc.integer({ min: 1, max: 300 }),
          fc.integer({ min: 1, max: 700 }),
          async (plain, size, outputSize) => {
            const compressed = compress(codec, plain);
            const through = await viaThrough(codec, compressed, size, outputSize);
            expect(through).toEqual(await viaStream(codec, compressed, size));
            expect(through.bytes.equals(plain)).toBe(true);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('reads members one after another, and ignores zeros padding the end, as the stream does', async () => {
    const [first, second] = [Buffer.from('first member\n'), Buffer.from('second member ✓\n')];
    const input = Buffer.concat([gzipSync(first), gzipSync(second), Buffer.alloc(9)]);
    for (const size of [1, 5, input.length]) {
      const through = await viaThrough('gzip', input, size, 4);
      expect(through).toEqual(await viaStream('gzip', input, size));
      expect(through.bytes.toString()).toBe('first member\nsecond member ✓\n');
    }
  });

  it("fails a truncated, corrupt or foreign input with the stream's own error", async () => {
    const whole = gzipSync(Buffer.from('a line\n'.repeat(500)));
    const checksumZeroed = Buffer.concat([whole.subarray(0, -8), Buffer.alloc(8)]);
    const cases: [Buffer, string][] = [
      [whole.subarray(0, whole.length - 5), 'unexpected end of file'],
      [checksumZeroed, 'incorrect data check'],
      [Buffer.from('not compressed at all\n'), 'incorrect header check'],
      [Buffer.alloc(0), 'unexpected end of file'],
    ];
    for (const [input, message] of cases) {
      const through = await viaThrough('gzip', input, 64, 1 << 16);
      expect(through.error).toBe(message);
      expect(through).toEqual(await viaStream('gzip', input, 64));
    }
  });

  it('passes on a failure of its input as it is, not as a corrupt archive', async () => {
    const failing = new Error('store read failed');
    async function* input(): AsyncIterable<Buffer> {
      yield gzipSync(Buffer.from('x'.repeat(100))).subarray(0, 10);
      throw failing;
    }
    const through = decompressThrough(input(), 'gzip', Buffer.alloc(16))!;
    const drained = (async () => {
      for await (const _ of through.chunks);
    })();
    await expect(drained).rejects.toBe(failing);
    expect(through.failure()).toBeNull();
  });
});
