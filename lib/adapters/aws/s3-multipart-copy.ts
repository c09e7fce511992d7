// Server-side copy of a byte range through a multipart upload (UploadPartCopy): no bytes pass through Lambda.
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';

/** S3's limits for a multipart upload's parts. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_BYTES = 5 * 1024 * 1024 * 1024;
export const MAX_PARTS = 10_000;

export interface PartRange {
  partNumber: number;
  /** First and last byte, both inclusive, as `x-amz-copy-source-range` wants them. */
  first: number;
  last: number;
}

/**
 * Cuts `[start, end)` into parts of `partBytes` (the last one shorter), growing the parts when `partBytes` would
 * need more than S3's 10,000. `partBytes` must lie within S3's part limits.
 */
export function planCopyParts(start: number, end: number, partBytes: number): PartRange[] {
  const size = Math.max(partBytes, Math.ceil((end - start) / MAX_PARTS));
  const parts: PartRange[] = [];
  for (let first = start; first < end; first += size) {
    parts.push({ partNumber: parts.length + 1, first, last: Math.min(first + size, end) - 1 });
  }
  return parts;
}

export interface MultipartCopy {
  client: S3Client;
  bucket: string;
  /** The CopySource value, `bucket/key` with the key already URL-encoded. */
  copySource: string;
  toKey: string;
  parts: PartRange[];
  /** Every part is copied only while the source still has this ETag, so the copy never mixes two versions. */
  ifMatch: string;
  /** Parts copied at once. */
  concurrency: number;
  /** Turns an SDK failure of `operation` into the error to throw. */
  failure(error: unknown, operation: string): Error;
}

/** Copies the parts into `toKey`; on any failure the upload is aborted, so no parts are left behind to pay for. */
export async function copyInParts(copy: MultipartCopy): Promise<void> {
  const { client, bucket, toKey } = copy;
  const created = await client
    .send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: toKey }))
    .catch((error: unknown) => {
      throw copy.failure(error, 'CreateMultipartUpload');
    });
  const uploadId = created.UploadId;
  if (uploadId === undefined) {
    throw new TypeError('expected an UploadId in the CreateMultipartUpload answer, found none');
  }
  try {
    const parts = await copyParts(copy, uploadId);
    await client
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: toKey,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      )
      .catch((error: unknown) => {
        throw copy.failure(error, 'CompleteMultipartUpload');
      });
  } catch (error) {
    // the copy's own failure is what the caller must see; a failed abort leaves the bucket's lifecycle rule
    // (AbortIncompleteMultipartUpload) to clean up
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: toKey, UploadId: uploadId }))
      .catch(() => undefined);
    throw error;
  }
}

/**
 * A few parts at a time. After the first failure no new part starts, and the in-flight ones are waited for:
 * a part finishing after the abort would leave its bytes stored.
 */
async function copyParts(copy: MultipartCopy, uploadId: string): Promise<CompletedPart[]> {
  const completed: CompletedPart[] = [];
  let next = 0;
  let firstFailure: { error: unknown } | undefined;
  const worker = async () => {
    while (firstFailure === undefined && next < copy.parts.length) {
      const part = copy.parts[next++] as PartRange;
      try {
        completed[part.partNumber - 1] = await copyPart(copy, uploadId, part);
      } catch (error) {
        firstFailure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(copy.concurrency, copy.parts.length) }, worker));
  if (firstFailure !== undefined) throw firstFailure.error;
  return completed;
}

async function copyPart(copy: MultipartCopy, uploadId: string, part: PartRange): Promise<CompletedPart> {
  const output = await copy.client
    .send(
      new UploadPartCopyCommand({
        Bucket: copy.bucket,
        Key: copy.toKey,
        UploadId: uploadId,
        PartNumber: part.partNumber,
        CopySource: copy.copySource,
        CopySourceRange: `bytes=${part.first}-${part.last}`,
        CopySourceIfMatch: copy.ifMatch,
      }),
    )
    .catch((error: unknown) => {
      throw copy.failure(error, 'UploadPartCopy');
    });
  const etag = output.CopyPartResult?.ETag;
  if (etag === undefined) {
    throw new TypeError(
      `expected an ETag in the UploadPartCopy answer for part ${part.partNumber}, found none`,
    );
  }
  return { PartNumber: part.partNumber, ETag: etag };
}
