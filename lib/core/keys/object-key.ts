// Object keys as S3 accepts them: non-empty, well-formed UTF-8, at most 1,024 bytes.
import { TerminalError } from '../errors.js';

export const MAX_KEY_BYTES = 1024;

// With the `u` flag a surrogate range matches only unpaired halves, which UTF-8 cannot encode.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function assertValidKey(key: string): void {
  if (key.length === 0) throw new TerminalError('expected a non-empty object key, found an empty one');
  if (LONE_SURROGATE.test(key)) {
    throw new TerminalError('expected an object key of well-formed UTF-8, found a lone surrogate', {
      context: { key },
    });
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) {
    throw new TerminalError(
      `expected an object key of at most ${MAX_KEY_BYTES} bytes, found ${bytes} bytes`,
      {
        context: { key },
      },
    );
  }
}

/** An ETag without its quotes: S3 quotes it in HEAD answers, not in events. */
export function unquotedEtag(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}

/** What row lineage stamps as the object's version: its S3 version id, else its ETag without quotes. */
export function objectVersion(object: { etag: string; versionId?: string }): string {
  return object.versionId ?? unquotedEtag(object.etag);
}

export function sameEtag(a: string, b: string): boolean {
  return unquotedEtag(a) === unquotedEtag(b);
}

/** The object's name without its folders (`external_input/a/b.txt` → `b.txt`): the file name the original framework worked with. */
export function fileNameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
