// The S3 ObjectStore: streams objects in and out of one bucket through an injected S3Client.
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { TerminalError, TransientError } from '../../core/errors.js';
import { assertValidKey, sameEtag } from '../../core/keys/object-key.js';
import { ObjectNotFoundError } from '../../core/keys/object-not-found-error.js';
import type { CopyRange, ObjectBody, ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { httpStatusOf, isAwsFailure, toFerryError } from './aws-service-error.js';
import { copyInParts, MAX_PART_BYTES, MIN_PART_BYTES, planCopyParts } from './s3-multipart-copy.js';

export interface S3ObjectStoreOptions {
  client: S3Client;
  bucket: string;
  /** Multipart part size; S3's minimum is 5 MiB. Memory held by an upload is about partSize × queueSize. */
  partSize?: number;
  /** Parts uploaded, or copied server-side, at once. */
  queueSize?: number;
  /**
   * Part size of a server-side multipart copy, within S3's 5 MiB–5 GiB. `copy` switches from CopyObject to a
   * multipart copy above it; the 5 GiB default is CopyObject's own limit. Tests lower it to copy in several parts.
   */
  copyPartBytes?: number;
  /** Keys per ListObjectsV2 page; S3's own default (1,000) when unset. */
  listPageSize?: number;
}

const MIB = 1024 * 1024;

export class S3ObjectStore implements ObjectStore {
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly listPageSize: number | undefined;
  private readonly copyPartBytes: number;

  constructor(options: S3ObjectStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.partSize = Math.max(options.partSize ?? 8 * MIB, 5 * MIB);
    this.queueSize = options.queueSize ?? 4;
    this.listPageSize = options.listPageSize;
    this.copyPartBytes = Math.min(
      Math.max(options.copyPartBytes ?? MAX_PART_BYTES, MIN_PART_BYTES),
      MAX_PART_BYTES,
    );
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const output = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: output.ContentLength ?? 0,
        etag: output.ETag ?? '',
        lastModified: output.LastModified ?? new Date(0),
        ...(output.VersionId && output.VersionId !== 'null' ? { versionId: output.VersionId } : {}),
      };
    } catch (error) {
      // HEAD answers carry no body, so a missing key and a missing bucket look alike: both are "no object"
      if (httpStatusOf(error) === 404) return undefined;
      throw this.failure(error, 'HeadObject', key);
    }
  }

  async get(key: string): Promise<Readable> {
    assertValidKey(key);
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(output.Body instanceof Readable)) {
        throw new TypeError('expected a Node.js stream as the GetObject body, found another kind of body');
      }
      return output.Body;
    } catch (error) {
      if (isMissingKey(error)) throw new ObjectNotFoundError(this.bucket, key);
      throw this.failure(error, 'GetObject', key);
    }
  }

  async put(key: string, body: ObjectBody): Promise<ObjectInfo> {
    assertValidKey(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // a failing body stream is the caller's error, not S3's
      if (!isAwsFailure(error)) throw error;
      throw this.failure(error, 'Upload', key);
    }
    return this.mustExist(key);
  }

  /**
   * CopyObject up to `copyPartBytes`, a multipart copy above (CopyObject stops at 5 GiB). A multipart copy keeps
   * neither the source's content type nor its user metadata; Ferry sets neither.
   */
  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    assertValidKey(fromKey);
    assertValidKey(toKey);
    // a missing source (or bucket) is left to CopyObject, whose answer tells the two apart
    const info = await this.head(fromKey);
    if (info !== undefined && info.size > this.copyPartBytes) {
      await this.copyInParts(fromKey, toKey, { start: 0, end: info.size, ifMatch: info.etag });
      return this.mustExist(toKey);
    }
    const source = `${this.bucket}/${encodeCopySourceKey(fromKey)}`;
    try {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: source }));
    } catch (error) {
      if (isMissingKey(error)) throw new ObjectNotFoundError(this.bucket, fromKey);
      throw this.failure(error, 'CopyObject', fromKey);
    }
    return this.mustExist(toKey);
  }

  async copyRange(fromKey: string, toKey: string, range: CopyRange): Promise<void> {
    assertValidKey(fromKey);
    assertValidKey(toKey);
    const { start, end } = range;
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end)) {
      throw new TerminalError(
        `expected a byte range [start, end) with 0 <= start <= end to copy from ${fromKey}, found [${start}, ${end})`,
        { context: { bucket: this.bucket, key: fromKey } },
      );
    }
    if (start < end) return this.copyInParts(fromKey, toKey, range);
    // no part to copy, so no UploadPartCopy to check the ETag: check it here, so a changed source fails alike
    const source = await this.head(fromKey);
    if (source === undefined) throw new ObjectNotFoundError(this.bucket, fromKey);
    if (!sameEtag(source.etag, range.ifMatch)) throw this.sourceChanged(fromKey, range.ifMatch);
    await this.put(toKey, '');
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isMissingKey(error)) return;
      throw this.failure(error, 'DeleteObject', key);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      const page = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ContinuationToken: token,
            MaxKeys: this.listPageSize,
          }),
        )
        .catch((error: unknown) => {
          throw this.failure(error, 'ListObjectsV2', prefix);
        });
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        yield {
          key: item.Key,
          size: item.Size ?? 0,
          etag: item.ETag ?? '',
          lastModified: item.LastModified ?? new Date(0),
        };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  private async copyInParts(fromKey: string, toKey: string, range: CopyRange): Promise<void> {
    await copyInParts({
      client: this.client,
      bucket: this.bucket,
      copySource: `${this.bucket}/${encodeCopySourceKey(fromKey)}`,
      toKey,
      parts: planCopyParts(range.start, range.end, this.copyPartBytes),
      ifMatch: range.ifMatch,
      concurrency: this.queueSize,
      failure: (error, operation) => {
        if (httpStatusOf(error) === 412) return this.sourceChanged(fromKey, range.ifMatch, error);
        if (isMissingKey(error)) return new ObjectNotFoundError(this.bucket, fromKey);
        return this.failure(error, operation, operation === 'UploadPartCopy' ? fromKey : toKey);
      },
    });
  }

  private sourceChanged(fromKey: string, ifMatch: string, cause?: unknown): TransientError {
    return new TransientError(
      // worded like the local store's, so one contract test matches both; the bucket is in the context
      `expected ${fromKey} to still have ETag ${ifMatch} while copying from it, found it changed (probably uploaded again)`,
      { cause, context: { bucket: this.bucket, key: fromKey } },
    );
  }

  private async mustExist(key: string): Promise<ObjectInfo> {
    const info = await this.head(key);
    if (info === undefined) throw new ObjectNotFoundError(this.bucket, key);
    return info;
  }

  private failure(error: unknown, operation: string, key: string) {
    return toFerryError(error, `S3 ${operation} of s3://${this.bucket}/${key}`, { bucket: this.bucket, key });
  }
}

/** NoSuchKey only: a missing bucket (NoSuchBucket, also 404) is a configuration error, not a missing object. */
function isMissingKey(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'NoSuchKey';
}

/** CopySource is URL-encoded by the caller: each segment percent-encoded, `/` kept. */
export function encodeCopySourceKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
