// Starts an S3-protocol server (s3rver) on a free local port in a temp dir, with a bucket and a client for it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import S3Error from '@20minutes/s3rver/lib/models/error.js';
import { S3Client } from '@aws-sdk/client-s3';
import { sameEtag } from '../../lib/core/keys/object-key.js';
import { storeLikeS3 } from './s3rver-filesystem-store.js';

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
  storeLikeS3();
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
  server.middleware.unshift(escapeXmlOnce, copySourceLikeS3);
  // just before the router, so a listing is still an object and not yet XML
  server.middleware.splice(
    server.middleware.length - 1,
    0,
    continueListingsWithoutDes,
    listMultipartUploads,
    abortMultipartUpload,
  );
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
 * encoded. Re-encode the header so s3rver's `decodeURI` yields the key real S3 would. s3rver also ignores
 * `x-amz-copy-source-if-match` (CopyObject and UploadPartCopy): answer 412 as S3 does when the ETag differs.
 */
async function copySourceLikeS3(context: StoreContext, next: () => Promise<void>): Promise<void> {
  const header = context.headers['x-amz-copy-source'];
  if (header === undefined) return next();
  const source = decodeURIComponent(header).replace(/^\//, '');
  context.headers['x-amz-copy-source'] = encodeURI(source);
  const ifMatch = context.headers['x-amz-copy-source-if-match'];
  if (ifMatch !== undefined) {
    const [bucket = '', ...key] = source.split('/');
    const found = await context.store.getMetadata(bucket, key.join('/')).catch(() => undefined);
    // a missing source is left to s3rver, which answers NoSuchKey
    if (found !== undefined && !sameEtag(found.etag, ifMatch)) {
      const condition = { Condition: 'x-amz-copy-source-If-Match' };
      throw new S3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        condition,
      );
    }
  }
  await next();
}

/**
 * The fork escapes XML text twice (with `he`, then again in fast-xml-parser 5's builder), so a listed key `a&b`
 * reaches the client as `a&amp;b`. Undo the builder's layer: it turned every `&` into `&amp;` and nothing else
 * into `&amp;`, so replacing `&amp;` by `&` is its exact inverse.
 */
async function escapeXmlOnce(context: { body: unknown }, next: () => Promise<void>): Promise<void> {
  await next();
  if (typeof context.body === 'string' && context.body.startsWith('<?xml')) {
    context.body = context.body.replaceAll('&amp;', '&');
  }
}

// s3rver keeps an open multipart upload as a directory `<bucket>/._S3rver_uploads/<uploadId>` holding a `key`
// file and the parts, but offers neither ListMultipartUploads nor AbortMultipartUpload: serve both from it.
function uploadsDirectory(context: StoreContext, bucket: string): string {
  return context.store.getResourcePath(bucket, undefined, 'uploads');
}

/** ListMultipartUploads, unpaged: tests keep few uploads open. */
async function listMultipartUploads(context: StoreContext, next: () => Promise<void>): Promise<void> {
  const bucket = /^\/([^/]+)\/?$/.exec(context.path)?.[1];
  if (context.method !== 'GET' || bucket === undefined || !('uploads' in context.query)) return next();
  const directory = uploadsDirectory(context, decodeURIComponent(bucket));
  const ids = await readdir(directory).catch(() => []);
  const uploads = await Promise.all(
    // a part that lands after its upload was aborted leaves a directory without `key`: still open, so listed
    ids.map(async (id) => ({
      Key: await readFile(join(directory, id, 'key'), 'utf8').catch(() => ''),
      UploadId: id,
    })),
  );
  context.body = {
    ListMultipartUploadsResult: { Bucket: decodeURIComponent(bucket), IsTruncated: false, Upload: uploads },
  };
}

async function abortMultipartUpload(context: StoreContext, next: () => Promise<void>): Promise<void> {
  const uploadId = context.query.uploadId;
  const bucket = /^\/([^/]+)\/./.exec(context.path)?.[1];
  if (context.method !== 'DELETE' || bucket === undefined || uploadId === undefined) return next();
  const upload = join(uploadsDirectory(context, decodeURIComponent(bucket)), uploadId);
  const exists = /^[0-9a-f]+$/.test(uploadId) && (await readdir(upload).catch(() => undefined)) !== undefined;
  if (!exists) {
    throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
  }
  await rm(upload, { recursive: true, force: true });
  context.status = 204;
}

interface StoreContext {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: unknown;
  status: number;
  store: {
    getMetadata(bucket: string, key: string): Promise<{ etag: string }>;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  };
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
