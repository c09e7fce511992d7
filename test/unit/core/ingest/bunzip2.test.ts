import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { bunzip2 } from '../../../../lib/core/ingest/bunzip2.js';

const bzip2 = (bytes: Buffer, level = '-9') => execFileSync('bzip2', ['-c', level], { input: bytes });
const drain = async (stream: Readable) => {
  const pieces: Buffer[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
};

describe('bunzip2', () => {
  it('decodes many blocks and concatenated streams, however the input is cut', async () => {
    const first = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `${i}|row ${i * 7919}\n`).join(''));
    const second = Buffer.from('second stream\n');
    // -1: 100 kB blocks, so the first stream has several.
    const compressed = Buffer.concat([bzip2(first, '-1'), bzip2(second)]);
    const pieces = Array.from({ length: Math.ceil(compressed.length / 1000) }, (_, i) =>
      compressed.subarray(i * 1000, (i + 1) * 1000),
    );
    expect((await drain(bunzip2(Readable.from(pieces)))).equals(Buffer.concat([first, second]))).toBe(true);
  });

  it('decodes only as fast as the output is read: a bomb is never expanded ahead of its reader', async () => {
    // 50 MB of zeros is 81 bytes of bzip2; unbzip2-stream queued all 50 MB the moment those bytes arrived.
    const bomb = execFileSync('sh', ['-c', 'head -c 50000000 /dev/zero | bzip2 -c']);
    const output = bunzip2(Readable.from([bomb]));
    await once(output, 'readable');
    expect(output.read(1000)).toHaveLength(1000);
    for (let i = 0; i < 20; i++) await tick();
    expect(output.readableLength).toBeLessThanOrEqual(128 * 1024);
    output.destroy();
  });

  it('fails on a truncated stream', async () => {
    const whole = bzip2(Buffer.from('1|x\n'.repeat(10_000)));
    await expect(drain(bunzip2(Readable.from([whole.subarray(0, whole.length - 10)])))).rejects.toThrow();
  });
});
