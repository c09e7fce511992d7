// Patches s3rver's FilesystemStore where it stores or reads objects differently from S3. The patches change the
// class itself, shared by every server in the process, so they are applied once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import FilesystemStore from '@20minutes/s3rver/lib/stores/filesystem.js';

let patched = false;

export function storeLikeS3(): void {
  if (patched) return;
  patched = true;
  allowLongKeys();
  listInKeyOrder();
  readFirstByteAlone();
  etagMultipartUploadsLikeS3();
}

// s3rver stores a key as a path with one file name per segment; a segment over 255 bytes cannot be stored.
// Cut long segments into nested directories (marker `&&/`, with `&` escaped so the marker is unambiguous).
const SEGMENT_CHARS = 50;

function allowLongKeys(): void {
  FilesystemStore.encodeKeyPath = (key) =>
    key
      .split('/')
      .map((segment) => cutSegment(segment.replaceAll('&', '&26')))
      .join('/');
  FilesystemStore.decodeKeyPath = (keyPath) => keyPath.replaceAll('&&/', '').replaceAll('&26', '&');
}

function cutSegment(segment: string): string {
  const chars = Array.from(segment);
  const pieces: string[] = [];
  for (let start = 0; start < chars.length; start += SEGMENT_CHARS) {
    pieces.push(chars.slice(start, start + SEGMENT_CHARS).join(''));
  }
  return pieces.join('&&/');
}

// s3rver reads a range ending at byte 0 (`bytes=0-0`) as running to the end of the object (`end || Infinity`),
// in GetObject and UploadPartCopy alike: cut such a read to its one byte.
function readFirstByteAlone(): void {
  const getObject = FilesystemStore.prototype.getObject;
  FilesystemStore.prototype.getObject = async function (bucket, key, options) {
    const object = await getObject.call(this, bucket, key, options);
    if (options?.end !== 0 || !object?.content || object.range === undefined) return object;
    object.content.destroy();
    object.content = createReadStream(this.getResourcePath(bucket, key, 'object'), { start: 0, end: 0 });
    object.range.end = 0;
    return object;
  };
}

// s3rver lists in directory-walk order, not S3's order of UTF-8 bytes, and then pages by `key <= startAfter`,
// which skips keys. List everything, sort like S3, then page.
function listInKeyOrder(): void {
  const walkOrder = FilesystemStore.prototype.listObjects;
  FilesystemStore.prototype.listObjects = async function (bucket, options) {
    if (options.delimiter) return walkOrder.call(this, bucket, options);
    const after = options.startAfter ?? '';
    const limit = options.maxKeys ?? Number.POSITIVE_INFINITY;
    const all = await walkOrder.call(this, bucket, {
      ...options,
      startAfter: '',
      maxKeys: Number.POSITIVE_INFINITY,
    });
    const sorted = all.objects
      .filter((object) => compareUtf8(object.key, after) > 0)
      .sort((a, b) => compareUtf8(a.key, b.key));
    return { objects: sorted.slice(0, limit), commonPrefixes: [], isTruncated: sorted.length > limit };
  };
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// s3rver gives a completed multipart upload the MD5 of all its bytes as ETag. S3 gives the MD5 of the parts'
// binary MD5s followed by `-<part count>`, which is how a reader tells a multipart object from a single PUT.
function etagMultipartUploadsLikeS3(): void {
  const complete = FilesystemStore.prototype.putObjectMultipart;
  FilesystemStore.prototype.putObjectMultipart = async function (bucket, uploadId, parts) {
    const upload = join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    const numbers = parts.map((part) => part.number).sort((a, b) => a - b);
    // read before completing: completion deletes the upload's directory
    const key = await readFile(join(upload, 'key'), 'utf8');
    const partMd5s = await Promise.all(
      numbers.map((number) => readFile(join(upload, `${number}.md5`), 'utf8')),
    );
    const digest = createHash('md5');
    for (const md5 of partMd5s) digest.update(Buffer.from(md5, 'hex'));
    const etag = `${digest.digest('hex')}-${numbers.length}`;
    const stored = await complete.call(this, bucket, uploadId, parts);
    await writeFile(this.getResourcePath(bucket, key, 'object.md5'), etag);
    return { ...stored, md5: etag };
  };
}
