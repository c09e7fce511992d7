// What only the S3 store has to prove: CopySource encoding and how SDK failures map onto Ferry's errors.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCopySourceKey, S3ObjectStore } from '../../../lib/adapters/aws/s3-object-store.js';
import { TerminalError, TransientError } from '../../../lib/core/errors.js';
import { type S3Server, s3ClientFor, startS3Server } from '../../support/s3-server.js';

describe('S3ObjectStore', () => {
  let server: S3Server;

  beforeAll(async () => {
    server = await startS3Server();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('percent-encodes each segment of the CopySource key and keeps the slashes', () => {
    expect(encodeCopySourceKey('external_input/a b+c%d;é.txt')).toBe(
      'external_input/a%20b%2Bc%25d%3B%C3%A9.txt',
    );
  });

  it('passes a failing body stream error through unchanged and stores nothing', async () => {
    const store = new S3ObjectStore({ client: server.client, bucket: server.bucket });
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('source broke');
    }

    await expect(store.put('external_input/broken.txt', Readable.from(failing()))).rejects.toThrow(
      /^source broke$/,
    );
    expect(await store.head('external_input/broken.txt')).toBeUndefined();
  });

  it('reports a missing bucket as a terminal error naming the operation and key', async () => {
    const store = new S3ObjectStore({ client: server.client, bucket: 'no-such-bucket' });

    const failure = await store.copy('a.txt', 'b.txt').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TerminalError);
    expect((failure as Error).message).toMatch(
      /^S3 CopyObject of s3:\/\/no-such-bucket\/a\.txt failed: NoSuchBucket/,
    );
  });

  it('reports an unreachable endpoint as a transient error, so Lambda retries', async () => {
    const closed = await startS3Server();
    await closed.stop();
    const client = s3ClientFor(closed.endpoint);
    const store = new S3ObjectStore({ client, bucket: closed.bucket });

    const failure = await store.head('external_input/feed.txt').catch((error: unknown) => error);
    client.destroy();

    expect(failure).toBeInstanceOf(TransientError);
    expect((failure as TransientError).context).toEqual({
      bucket: closed.bucket,
      key: 'external_input/feed.txt',
    });
    expect((failure as Error).message).toContain(
      'S3 HeadObject of s3://ferry-test/external_input/feed.txt failed',
    );
  });
});
