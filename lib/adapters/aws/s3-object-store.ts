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
import type { ObjectBody, ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { assertValidKey } from '../../storage/object-key.js';
import { ObjectNotFoundError } from '../../storage/object-not-found-error.js';
import { httpStatusOf, isAwsFailure, toFerryError } from './aws-service-error.js';

export interface S3ObjectStoreOptions {
  client: S3Client;
  bucket: string;
  /** Multipart part size; S3's minimum is 5 MiB. Memory held by an upload is about partSize × queueSize. */
  partSize?: number;
  /** Parts uploaded at once. */
  queueSize?: number;
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

  constructor(options: S3ObjectStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.partSize = Math.max(options.partSize ?? 8 * MIB, 5 * MIB);
    this.queueSize = options.queueSize ?? 4;
    this.listPageSize = options.listPageSize;
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

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    assertValidKey(fromKey);
    assertValidKey(toKey);
    const source = `${this.bucket}/${encodeCopySourceKey(fromKey)}`;
    try {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: source }));
    } catch (error) {
      if (isMissingKey(error)) throw new ObjectNotFoundError(this.bucket, fromKey);
      throw this.failure(error, 'CopyObject', fromKey);
    }
    return this.mustExist(toKey);
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
