// Decompresses an input stream on the fly for the rule's compression; a broken archive becomes a ValidationError.
import { PassThrough, Readable } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import unbzip2 from 'unbzip2-stream';
import type { Compression } from '../config/rule.js';
import { errorMessage, TerminalError, ValidationError } from '../errors.js';

export interface Decompression {
  /** The decompressed bytes (the input itself when uncompressed). */
  output: Readable;
  /** The error to report when `output` failed: a ValidationError for a decompressor failure, else as given. */
  explain(error: unknown): unknown;
}

export function decompress(input: Readable, compression: Compression, ruleId: number): Decompression {
  if (compression === 'none') return { output: input, explain: (error) => error };
  if (compression === 'lzop') {
    throw new TerminalError(
      `rule ${ruleId}: lzop input cannot be validated by Ferry; set trailer N, header check N, split N and plain ` +
        'output so the file is loaded as it is',
    );
  }
  const transform: NodeJS.ReadWriteStream = decompressor(compression);
  let failure: unknown;
  let inputFailure: unknown;
  transform.once('error', (error) => {
    failure = error;
  });
  // A failed read is the store's error (often transient), never a corrupt archive.
  input.once('error', (error) => {
    inputFailure = error;
    if (transform instanceof Readable) transform.destroy(error);
    else transform.emit('error', error);
  });
  input.pipe(transform);
  return {
    output: transform instanceof Readable ? transform : modern(transform),
    explain(error) {
      if (error instanceof ValidationError || error === inputFailure || failure !== error) return error;
      return new ValidationError(`${compression} input is corrupt: ${describe(compression, error)}`, {
        cause: error,
      });
    },
  };
}

function decompressor(compression: 'gzip' | 'bzip2' | 'zstd'): NodeJS.ReadWriteStream {
  if (compression === 'gzip') return createGunzip();
  // Node's zlib reads Zstandard (.zst) since 22.15; Ferry runs on Node 24.
  if (compression === 'zstd') return createZstdDecompress();
  return unbzip2();
}

/** unbzip2-stream is an old-style stream (`through`): piping into a PassThrough gives it async iteration. */
function modern(legacy: NodeJS.ReadWriteStream): Readable {
  const output = new PassThrough();
  legacy.once('error', (error: Error) => output.destroy(error));
  legacy.pipe(output);
  return output;
}

function describe(compression: Compression, error: unknown): string {
  const message = errorMessage(error);
  // unbzip2-stream reports a truncated stream as a TypeError from deep inside its bit reader.
  if (compression === 'bzip2' && error instanceof TypeError)
    return `truncated or damaged stream (${message})`;
  if (message === 'unexpected end of file') return 'truncated stream (unexpected end of file)';
  return message;
}
