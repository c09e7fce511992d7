// The first line of an uncompressed object, read without reading the rest (a sequence number in the header).
import type { ObjectStore } from '../../ports/object-store.js';

/** Enough for any header; a longer first line is cut here. */
const maxHeaderBytes = 64 * 1024;

export async function readHeaderLine(store: ObjectStore, key: string): Promise<string> {
  const stream = await store.get(key);
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      const end = buffer.indexOf(0x0a);
      chunks.push(end < 0 ? buffer : buffer.subarray(0, end));
      bytes += buffer.length;
      if (end >= 0 || bytes >= maxHeaderBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxHeaderBytes).toString('utf8').replace(/\r$/, '');
}
