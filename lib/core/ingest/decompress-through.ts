// Decompresses gzip or Zstandard into one reused buffer, for a reader done with each chunk before it asks for more.
import { createGunzip, createZstdDecompress } from 'node:zlib';

/**
 * A zlib stream's output chunks are fresh buffers (`chunkSize`, 16 KiB by default, only sizes them:
 * https://nodejs.org/api/zlib.html#class-options), and fresh buffers wait, dead, for V8's next collection: 67 MB of
 * them at once while a 100 MB CSV was decompressed. The stream's engine (the native handle Node's own zlib streams
 * drive, undocumented) writes into any buffer it is given, so this drives it as `zlib.gunzipSync` does, one input
 * chunk at a time, into one buffer: the same engine, given the flush flags the stream would give it (`finishFlush`,
 * Z_FINISH by default, is what fails a truncated input), so the same bytes and the same errors as the stream.
 */
interface ZlibEngine {
  _handle: {
    writeSync(
      flush: number,
      input: Buffer,
      inputOffset: number,
      inputLength: number,
      output: Buffer,
      outputOffset: number,
      outputLength: number,
    ): void;
  } | null;
  /** [output bytes left unused, input bytes left unread] after each write. */
  _writeState: Uint32Array;
  _defaultFlushFlag: number;
  _finishFlushFlag: number;
  errored: Error | null;
  on(event: 'error', listener: () => void): unknown;
  destroy(): unknown;
}

const empty = Buffer.alloc(0);

export interface DecompressedChunks {
  /** Views of the output buffer, each valid until the next is asked for. */
  chunks: AsyncIterable<Buffer>;
  /** The engine's own failure (a corrupt or truncated input), null while there is none. */
  failure(): Error | null;
}

/**
 * The decompressed bytes of `input` through `output`; undefined when this Node's zlib stream does not have the
 * engine this relies on (the caller then uses the stream).
 */
export function decompressThrough(
  input: AsyncIterable<Buffer>,
  compression: 'gzip' | 'zstd',
  output: Buffer,
): DecompressedChunks | undefined {
  const engine = (compression === 'gzip' ? createGunzip() : createZstdDecompress()) as unknown as ZlibEngine;
  if (!isDrivable(engine)) {
    engine.destroy();
    return undefined;
  }
  // The engine reports a failure by destroying its stream, which also emits it: it is thrown from here instead.
  engine.on('error', () => {});
  return { chunks: drive(engine, input, output), failure: () => engine.errored };
}

function isDrivable(engine: ZlibEngine): boolean {
  return (
    typeof engine._handle?.writeSync === 'function' &&
    engine._writeState instanceof Uint32Array &&
    engine._writeState.length === 2 &&
    Number.isInteger(engine._defaultFlushFlag) &&
    Number.isInteger(engine._finishFlushFlag)
  );
}

async function* drive(
  engine: ZlibEngine,
  input: AsyncIterable<Buffer>,
  output: Buffer,
): AsyncGenerator<Buffer> {
  const state = engine._writeState;
  // As the stream does: once the engine stops taking input with room left for output, the data has ended and
  // nothing after it is output.
  let ended = false;
  function* write(chunk: Buffer, flush: number): Generator<Buffer> {
    let offset = 0;
    let length = chunk.length;
    for (;;) {
      const handle = engine._handle;
      if (handle === null) throw engine.errored ?? new Error('expected an open zlib engine, found it closed');
      handle.writeSync(flush, chunk, offset, length, output, 0, output.length);
      if (engine.errored) throw engine.errored;
      const outputLeft = state[0]!;
      const inputLeft = state[1]!;
      offset += length - inputLeft;
      length = inputLeft;
      const produced = output.length - outputLeft;
      if (produced > 0 && !ended) yield output.subarray(0, produced);
      if (outputLeft === 0) continue;
      if (inputLeft > 0) ended = true;
      return;
    }
  }
  try {
    for await (const chunk of input) yield* write(chunk, engine._defaultFlushFlag);
    yield* write(empty, engine._finishFlushFlag);
  } finally {
    engine.destroy();
  }
}
