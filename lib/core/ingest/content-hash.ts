// The sha256 of an object's bytes as stored (compressed bytes for a compressed file): what "the same content" means.
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

export function contentHasher(): Hash {
  return createHash('sha256');
}

/** Reads the whole stream for its hash alone: for a file loaded as it is, which preparation never reads. */
export async function hashStream(stream: Readable, signal?: AbortSignal): Promise<string> {
  const hash = contentHasher();
  const stop = () => stream.destroy(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
    signal?.throwIfAborted();
    return hash.digest('hex');
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
