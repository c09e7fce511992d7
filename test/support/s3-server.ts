// Starts an S3-protocol server (s3rver) on a free local port in a temp dir, with a bucket and a client for it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

export interface S3Server {
  endpoint: string;
  bucket: string;
  client: S3Client;
  stop(): Promise<void>;
}

/**
 * The client options every test client needs against s3rver: path-style addressing, dummy credentials, and
 * checksums only when an operation requires them (s3rver does not understand the flexible-checksum
 * `aws-chunked` uploads the SDK sends by default since early 2025).
 */
export function s3ClientFor(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function startS3Server(bucket = 'ferry-test'): Promise<S3Server> {
  allowLongKeys();
  listInKeyOrder();
  const directory = await mkdtemp(join(tmpdir(), 'ferry-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    // the copy-source rewrite below changes a signed header
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: bucket }],
  });
  server.middleware.unshift(decodeCopySourceLikeS3);
  // just before the router, so the listing is still an object and not yet XML
  server.middleware.splice(server.middleware.length - 1, 0, continueListingsWithoutDes);
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = s3ClientFor(endpoint);
  return {
    endpoint,
    bucket,
    client,
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * S3 percent-decodes `x-amz-copy-source` completely; s3rver uses `decodeURI`, which leaves `%2B`, `%3B`, `%2C`…
 * encoded. Re-encode the header so s3rver's `decodeURI` yields the key real S3 would.
 */
async function decodeCopySourceLikeS3(
  context: { headers: Record<string, string | undefined> },
  next: () => Promise<void>,
): Promise<void> {
  const source = context.headers['x-amz-copy-source'];
  if (source !== undefined) context.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(source));
  await next();
}

// s3rver stores a key as a path with one file name per segment; a segment over 255 bytes cannot be stored.
// Cut long segments into nested directories (marker `&&/`, with `&` escaped so the marker is unambiguous).
const SEGMENT_CHARS = 50;
let longKeysAllowed = false;

function allowLongKeys(): void {
  if (longKeysAllowed) return;
  longKeysAllowed = true;
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

// s3rver lists in directory-walk order, not S3's order of UTF-8 bytes, and then pages by `key <= startAfter`,
// which skips keys. List everything, sort like S3, then page.
let listingsSorted = false;

function listInKeyOrder(): void {
  if (listingsSorted) return;
  listingsSorted = true;
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

/**
 * s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 no longer offers, so every truncated
 * V2 listing fails with InternalError. Serve V2 through s3rver's V1 (marker) listing and make the token the
 * base64url of the last key.
 */
async function continueListingsWithoutDes(context: ListingContext, next: () => Promise<void>): Promise<void> {
  if (context.method !== 'GET' || context.query['list-type'] !== '2') return next();
  const {
    'list-type': _v2,
    'continuation-token': token,
    'start-after': startAfter,
    'fetch-owner': _owner,
    ...rest
  } = context.query;
  const marker = token ? Buffer.from(token, 'base64url').toString('utf8') : startAfter;
  context.query = marker ? { ...rest, marker } : rest;
  await next();
  const result = (context.body as { ListBucketResult?: Record<string, unknown> } | undefined)
    ?.ListBucketResult;
  if (result === undefined) return;
  const contents = (result.Contents ?? []) as { Key: string }[];
  delete result.Marker;
  delete result.NextMarker;
  result.KeyCount = contents.length;
  if (token) result.ContinuationToken = token;
  const last = contents.at(-1);
  if (result.IsTruncated === true && last !== undefined) {
    result.NextContinuationToken = Buffer.from(last.Key, 'utf8').toString('base64url');
  }
}

interface ListingContext {
  method: string;
  query: Record<string, string | undefined>;
  body: unknown;
}
