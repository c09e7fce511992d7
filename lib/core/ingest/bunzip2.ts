// Decompresses bzip2 one block at a time, only as fast as the reader takes the output, so memory stays flat.
import { Readable } from 'node:stream';
import bitIterator from 'unbzip2-stream/lib/bit_iterator.js';
import bzip2 from 'unbzip2-stream/lib/bzip2.js';

/** Output is handed on in pieces of this size. */
const pieceBytes = 64 * 1024;

/** A compressed block never exceeds its size in 100 kB units plus headers. */
const blockReserve = (blockSize: number) => 25_000 + 100_000 * blockSize;

/**
 * unbzip2-stream decodes every complete block as soon as its input arrives, collecting the output as an array of
 * numbers, with no backpressure: a 785-byte bomb became 1 GiB (4 GB RSS) before anyone could look at it. Here the
 * same block decoder runs inside an async generator, so the next block is decoded only when the reader asks for
 * more. One block's output (at most about 46 MB: 900 kB of runs of 259 bytes) is the most ever held.
 */
export function bunzip2(input: AsyncIterable<Buffer>): Readable {
  return Readable.from(blocks(input), { objectMode: false, highWaterMark: pieceBytes });
}

async function* blocks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let received = 0;
  let bits: ReturnType<typeof bitIterator> | undefined;
  let blockSize = 0;
  let streamCRC: number | null = null;
  const buffered = () => received - (bits?.bytesRead ?? 0);
  /** Decodes the next header or block; returns its output pieces. */
  const step = (): Buffer[] => {
    bits ??= bitIterator(() => queue.shift());
    if (!blockSize) {
      blockSize = bzip2.header(bits);
      streamCRC = 0;
      return [];
    }
    const pieces: Buffer[] = [];
    let piece = Buffer.allocUnsafe(pieceBytes);
    let used = 0;
    const size = 100_000 * blockSize;
    streamCRC = bzip2.decompress(
      bits,
      (byte) => {
        if (used === pieceBytes) {
          pieces.push(piece);
          piece = Buffer.allocUnsafe(pieceBytes);
          used = 0;
        }
        piece[used++] = byte;
      },
      new Int32Array(size),
      size,
      streamCRC,
    );
    // null: the end of one bzip2 stream; another (concatenated) may follow with its own header.
    if (streamCRC === null) blockSize = 0;
    if (used > 0) pieces.push(piece.subarray(0, used));
    return pieces;
  };
  for await (const chunk of input) {
    queue.push(chunk);
    received += chunk.length;
    // Like unbzip2-stream: decode only with a whole block's worst case buffered (25 kB before the first header).
    while (buffered() + 1 >= blockReserve(blockSize)) yield* step();
  }
  while (bits === undefined ? received > 0 : received > bits.bytesRead) yield* step();
  if (streamCRC !== null) throw new Error('input stream ended prematurely');
}
