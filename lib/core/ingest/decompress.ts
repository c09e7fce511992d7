// Decompresses an input stream on the fly for the rule's compression; a broken archive becomes a ValidationError.
import type { Readable } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { errorMessage, TerminalError, ValidationError } from '../errors.js';
import type { Compression } from '../rules/rule.js';
import { bunzip2 } from './bunzip2.js';

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
  let failure: unknown;
  let inputFailure: unknown;
  // A failed read is the store's error (often transient), never a corrupt archive.
  input.once('error', (error) => {
    inputFailure = error;
  });
  // bzip2 block by block, as fast as the output is read: a bomb must not expand in memory. Node's zlib reads
  // Zstandard (.zst) since 22.15; Ferry runs on Node 24.
  const output =
    compression === 'bzip2'
      ? bunzip2(input)
      : input.pipe(compression === 'gzip' ? createGunzip() : createZstdDecompress());
  if (compression !== 'bzip2') input.once('error', (error) => output.destroy(error));
  output.once('error', (error) => {
    failure = error;
  });
  return {
    output,
    explain(error) {
      if (error instanceof ValidationError || error === inputFailure || failure !== error) return error;
      return new ValidationError(`${compression} input is corrupt: ${describe(compression, error)}`, {
        cause: error,
      });
    },
  };
}
function describe(compression: Compression, error: unknown): string {
  const message = errorMessage(error);
  // The bzip2 block decoder reports a truncated stream as a TypeError from deep inside its bit reader.
  if (compression === 'bzip2' && error instanceof TypeError)
    return `truncated or damaged stream (${message})`;
  if (message === 'unexpected end of file') return 'truncated stream (unexpected end of file)';
  return message;
}
