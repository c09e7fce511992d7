// What only the S3 store does: server-side range copies and copies over the CopyObject limit, part by part.
import { createHash, randomBytes } from 'node:crypto';
import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PART_BYTES, MAX_PARTS, planCopyParts } from '../../../../lib/adapters/aws/s3-multipart-copy.js';
import { S3ObjectStore } from '../../../../lib/adapters/aws/s3-object-store.js';
import { TransientError } from '../../../../lib/core/errors.js';
import { ObjectNotFoundError } from '../../../../lib/core/keys/object-not-found-error.js';
import { readAll } from '../../../support/object-stores.js';
import { type S3Server, s3ClientFor, startS3Server } from '../../../support/s3-server.js';

const MIB = 1024 * 1024;

interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

/** A client that notes every command it sends, so a test can tell a multipart copy from a CopyObject. */
function recordingClient(endpoint: string): { client: S3Client; sent: SentCommand[] } {
  const client = s3ClientFor(endpoint);
  const sent: SentCommand[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ name: context.commandName ?? '', input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return { client, sent };
}

/** Length and MD5: comparing 12 MiB buffers with toEqual takes minutes. */
function fingerprint(bytes: Buffer): { length: number; md5: string } {
  return { length: bytes.length, md5: createHash('md5').update(bytes).digest('hex') };
}

async function fingerprintOf(store: S3ObjectStore, key: string) {
  return fingerprint(await readAll(await store.get(key)));
}

function namesOf(sent: SentCommand[]): string[] {
  return sent.map((command) => command.name);
}

describe('planCopyParts', () => {
  it('cuts a range into inclusive parts of the given size, the last one shorter', () => {
    const parts = planCopyParts(7, 7 + 12 * MIB, 5 * MIB);

    expect(parts).toEqual([
      { partNumber: 1, first: 7, last: 7 + 5 * MIB - 1 },
      { partNumber: 2, first: 7 + 5 * MIB, last: 7 + 10 * MIB - 1 },
      { partNumber: 3, first: 7 + 10 * MIB, last: 7 + 12 * MIB - 1 },
    ]);
  });

  it('grows the parts when the given size would need more than 10,000 of them', () => {
    const end = 5 * 1024 * 1024 * MIB; // 5 TiB, S3's largest object

    const parts = planCopyParts(0, end, 5 * MIB);

    expect(parts.length).toBeLessThanOrEqual(MAX_PARTS);
    expect(parts.at(-1)?.last).toBe(end - 1);
    expect(Math.max(...parts.map((part) => part.last - part.first + 1))).toBeLessThanOrEqual(MAX_PART_BYTES);
  });
});

describe('S3ObjectStore multipart copy', () => {
  const size = 12 * MIB + 4321;
  const bytes = randomBytes(size);
  let server: S3Server;
  let sent: SentCommand[];
  let store: S3ObjectStore;

  beforeAll(async () => {
    server = await startS3Server();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(async () => {
    const recording = recordingClient(server.endpoint);
    sent = recording.sent;
    store = new S3ObjectStore({ client: recording.client, bucket: server.bucket, copyPartBytes: 5 * MIB });
    for await (const object of store.list('')) await store.delete(object.key);
  });

  async function openUploads(): Promise<string[]> {
    const listed = await server.client.send(new ListMultipartUploadsCommand({ Bucket: server.bucket }));
    return (listed.Uploads ?? []).map((upload) => upload.Key ?? '');
  }

  it('copies a range that is not aligned to the parts byte for byte, in several parts', async () => {
    const source = await store.put('external_input/feed.dat', bytes);
    const [start, end] = [MIB + 3, size - 17];
    sent.length = 0;

    await store.copyRange('external_input/feed.dat', 'processing/feed.dat', {
      start,
      end,
      ifMatch: source.etag,
    });

    expect(await fingerprintOf(store, 'processing/feed.dat')).toEqual(
      fingerprint(bytes.subarray(start, end)),
    );
    const ranges = sent.filter((c) => c.name === 'UploadPartCopyCommand').map((c) => c.input.CopySourceRange);
    expect(ranges).toEqual(
      planCopyParts(start, end, 5 * MIB).map((part) => `bytes=${part.first}-${part.last}`),
    );
    expect(ranges.length).toBe(3);
    expect((await store.head('processing/feed.dat'))?.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(await openUploads()).toEqual([]);
  });

  it('copies an object above the part size with a multipart copy, and a smaller one with CopyObject', async () => {
    await store.put('external_input/big.dat', bytes);
    await store.put('external_input/small.dat', bytes.subarray(0, 5 * MIB));
    sent.length = 0;

    const big = await store.copy('external_input/big.dat', 'archive/big.dat');
    const small = await store.copy('external_input/small.dat', 'archive/small.dat');

    expect(big.size).toBe(size);
    expect(await fingerprintOf(store, 'archive/big.dat')).toEqual(fingerprint(bytes));
    expect(small.size).toBe(5 * MIB);
    expect(namesOf(sent).filter((name) => name === 'UploadPartCopyCommand')).toHaveLength(3);
    expect(namesOf(sent).filter((name) => name === 'CopyObjectCommand')).toHaveLength(1);
  });

  it('fails with a transient error naming the ETag when the source changed, leaving no object and no upload', async () => {
    const stale = await store.put('external_input/feed.dat', bytes);
    await store.put('external_input/feed.dat', bytes.subarray(0, 11 * MIB));
    sent.length = 0;

    const failure = await store
      .copyRange('external_input/feed.dat', 'processing/feed.dat', {
        start: 0,
        end: size,
        ifMatch: stale.etag,
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TransientError);
    expect((failure as Error).message).toBe(
      `expected external_input/feed.dat to still have ETag ${stale.etag} while copying from it, found it changed ` +
        '(probably uploaded again)',
    );
    expect((failure as TransientError).context).toEqual({
      bucket: server.bucket,
      key: 'external_input/feed.dat',
    });
    expect(namesOf(sent)).toContain('AbortMultipartUploadCommand');
    expect(await store.head('processing/feed.dat')).toBeUndefined();
    expect(await openUploads()).toEqual([]);
  });

  it('reports a missing source as ObjectNotFoundError and leaves no upload', async () => {
    const failure = await store
      .copyRange('external_input/gone.dat', 'processing/gone.dat', { start: 0, end: 10, ifMatch: '"0"' })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ObjectNotFoundError);
    expect(await openUploads()).toEqual([]);
  });

  it('writes an empty object for an empty range, but only while the source keeps its ETag', async () => {
    const source = await store.put('external_input/feed.dat', 'header\n');

    await store.copyRange('external_input/feed.dat', 'processing/empty.dat', {
      start: 7,
      end: 7,
      ifMatch: source.etag,
    });
    const stale = await store
      .copyRange('external_input/feed.dat', 'processing/stale.dat', { start: 7, end: 7, ifMatch: '"0"' })
      .catch((error: unknown) => error);

    expect((await store.head('processing/empty.dat'))?.size).toBe(0);
    expect(stale).toBeInstanceOf(TransientError);
    expect(await store.head('processing/stale.dat')).toBeUndefined();
  });

  it('copies a range of one byte, the first one included', async () => {
    const source = await store.put('external_input/feed.dat', '0123456789');

    for (const start of [0, 1, 9]) {
      await store.copyRange('external_input/feed.dat', `processing/${start}.dat`, {
        start,
        end: start + 1,
        ifMatch: source.etag,
      });
    }

    const copied = await Promise.all(
      [0, 1, 9].map(async (start) => (await readAll(await store.get(`processing/${start}.dat`))).toString()),
    );
    expect(copied).toEqual(['0', '1', '9']);
  });

  it('finds sources whose keys S3 decodes differently from decodeURI, and checks their ETag', async () => {
    const from = 'external_input/a+b=c&d;e,f 100%25 ünï 😀.dat';
    const to = 'processing/a+b=c&d;e,f 100%25 ünï 😀.dat';
    const source = await store.put(from, bytes);

    await store.copyRange(from, to, { start: 5, end: 6 * MIB, ifMatch: source.etag });
    const stale = await store
      .copyRange(from, `${to}.stale`, { start: 5, end: 6 * MIB, ifMatch: '"0"' })
      .catch((error: unknown) => error);

    expect(await fingerprintOf(store, to)).toEqual(fingerprint(bytes.subarray(5, 6 * MIB)));
    expect(stale).toBeInstanceOf(TransientError);
  });
});
