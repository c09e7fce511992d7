// process-file with the Lambda context: a preparation still streaming when the time left runs out stops cleanly.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFilesDir } from '../../../lib/cli/local-runtime.js';
import { buildS3Event } from '../../../lib/core/events/s3-event.js';
import { localBucket } from '../../../lib/wiring/local-runtime.js';
import { delegatingStore } from '../../support/delegating-store.js';
import {
  bucketKeys,
  openTestRuntime,
  runtimeTargets,
  type TestRuntime,
} from '../../support/local-runtime.js';

// A split feed: the preparation streams each record type into its own object under processing/.
const fileName = 'CLAIMS_20240102_700.txt';
const key = `external_input/${fileName}`;
const marginMs = 30_000;
/** Enough for the claim and the rule lookup on a loaded machine; the stalled read keeps the preparation going. */
const leftAfterMarginMs = 3_000;

/** All but the last line of the file, then nothing more until it is destroyed: a read the timeout overtakes. */
function stalledRead(bytes: Buffer, reached: { first: boolean }): Readable {
  const cut = bytes.lastIndexOf('\n', bytes.length - 2) + 1;
  return new Readable({
    read() {
      if (reached.first) return;
      reached.first = true;
      this.push(bytes.subarray(0, cut));
    },
  });
}

describe.each(runtimeTargets)('process-file near the Lambda timeout (%s)', (target) => {
  let runtime: TestRuntime;
  const reached = { first: false };
  const opened: string[] = [];
  beforeAll(async () => {
    const bytes = await readFile(join(sampleFilesDir, fileName));
    runtime = await openTestRuntime(target, {
      env: { FERRY_TIMEOUT_MARGIN_MS: String(marginMs) },
      decorate: (built) => {
        const store = built.store;
        return {
          store: delegatingStore(store, {
            get: async (wanted) => (wanted === key ? stalledRead(bytes, reached) : store.get(wanted)),
            put: (written, body) => {
              opened.push(written);
              return store.put(written, body);
            },
          }),
        };
      },
    });
    // Placed by hand, as a file copied into the bucket folder: no event fires until the test delivers one.
    const path = join(runtime.workspace, 'bucket', key);
    await mkdir(dirname(path), { recursive: true });
    await copyFile(join(sampleFilesDir, fileName), path);
  });
  afterAll(async () => runtime?.close());

  it('aborts the streaming preparation, removes what it wrote and releases the run for a retry', async () => {
    const info = await runtime.store.head(key);
    if (!info) throw new Error(`expected ${key} in the bucket, found nothing`);
    const event = buildS3Event({ bucket: localBucket, key, size: info.size, etag: info.etag });
    const context = {
      awsRequestId: 'request-1',
      getRemainingTimeInMillis: () => marginMs + leftAfterMarginMs,
    };

    await expect(runtime.deliver(event, context)).rejects.toThrow(
      /expected every record to finish, found 1 failed transiently: .*before the Lambda timeout/,
    );
    await runtime.idle();

    // The preparation was streaming into its record-type objects when the deadline passed.
    expect(reached.first).toBe(true);
    expect(opened.filter((written) => written.startsWith('processing/')).length).toBeGreaterThan(0);
    expect(await bucketKeys(runtime, 'processing/')).toEqual([]);
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([key]);
    const runs = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['state', 'retired_at', 'error'])
      .where('object_key', '=', key)
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.state).toBe('RECEIVED');
    expect(runs[0]!.retired_at).not.toBeNull();
    expect(runs[0]!.error).toMatch(
      /^transient failure, retrying: expected the preparation to end 30000 ms before the Lambda timeout/,
    );
    const abandoned = runtime.logs.find((line) => line.msg === 'run abandoned for retry');
    expect(abandoned).toMatchObject({
      requestId: 'request-1',
      key,
      error: expect.stringContaining('timeout'),
    });
    expect(abandoned?.runId).toEqual(expect.any(String));
    expect((abandoned?.err as { stack?: string } | undefined)?.stack).toMatch(/TransientError/);
  });
});
