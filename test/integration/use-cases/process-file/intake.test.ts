// Event intake with port doubles: which records are skipped, how keys are decoded, and that records stay independent.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../lib/adapters/pino-logger.js';
import { TransientError } from '../../../../lib/core/errors.js';
import { buildS3Event, type S3Event } from '../../../../lib/core/events/s3-event.js';
import type { ObjectInfo } from '../../../../lib/ports/object-store.js';
import type { Database } from '../../../../lib/records/tables.js';
import type { ProcessDependencies } from '../../../../lib/use-cases/process-file/process-dependencies.js';
import { processEvent } from '../../../../lib/use-cases/process-file/process-file.js';
import { makeHandler } from '../../../../lib/wiring/process-file-handler.js';
import { MemoryObjectStore } from '../../../support/memory-object-store.js';
import { RecordingWarehouse } from '../../../support/recording-warehouse.js';

/** A store that records the keys it was asked about and can fail for chosen keys. */
class WatchedStore extends MemoryObjectStore {
  readonly heads: string[] = [];
  failHead: (key: string) => Error | undefined = () => undefined;
  override async head(key: string): Promise<ObjectInfo | undefined> {
    this.heads.push(key);
    const failure = this.failHead(key);
    if (failure) throw failure;
    return super.head(key);
  }
}

/** None of these records may reach the ledger; a touch would throw. */
const untouchableDb = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`the database was used (${String(property)})`);
    },
  },
) as Kysely<Database>;

function world() {
  const store = new WatchedStore('ferry-test');
  const logs: Array<Record<string, unknown>> = [];
  const deps: ProcessDependencies = {
    db: untouchableDb,
    store,
    warehouse: new RecordingWarehouse(),
    notifier: { publish: async () => undefined },
    log: createLogger({ destination: { write: (line: string) => logs.push(JSON.parse(line)) } }),
    now: () => new Date('2026-01-02T03:04:05Z'),
    settings: {
      inputPrefix: 'external_input/',
      processingPrefix: 'processing/',
      archivePrefix: 'archive/',
      minSizeBytes: 1,
      iamRole: 'default',
      timezone: 'UTC',
    },
  };
  return { store, logs, deps };
}

/** A record without size and ETag, so the pipeline has to ask the store about it. */
function bareEvent(keys: string[], bucket = 'ferry-test'): S3Event {
  const event = buildS3Event(keys.map((key) => ({ bucket, key, size: 0, etag: 'x' })));
  for (const record of event.Records) {
    delete record.s3.object.size;
    delete record.s3.object.eTag;
  }
  return event;
}

describe('event intake', () => {
  it('skips keys outside the input folder, folder markers and other buckets without touching anything', async () => {
    const { store, logs, deps } = world();
    const event = bareEvent([
      'processing/a_527.txt',
      'archive/error/b_527.txt',
      'external_input/sub/',
      'external_input/',
    ]);
    event.Records.push(...bareEvent(['external_input/c_527.txt'], 'other-bucket').Records);

    const { results } = await processEvent(deps, event);

    expect(results).toEqual([
      {
        key: 'processing/a_527.txt',
        status: 'skipped',
        error: 'expected a key under external_input/, found one outside it',
      },
      {
        key: 'archive/error/b_527.txt',
        status: 'skipped',
        error: 'expected a key under external_input/, found one outside it',
      },
      { key: 'external_input/sub/', status: 'skipped', error: 'expected a file, found a folder marker' },
      { key: 'external_input/', status: 'skipped', error: 'expected a file, found a folder marker' },
      {
        key: 'external_input/c_527.txt',
        status: 'skipped',
        error: 'expected bucket ferry-test, found other-bucket',
      },
    ]);
    expect(store.heads).toEqual([]);
    expect(logs.filter((line) => line.msg === 'record skipped').map((line) => line.key)).toEqual(
      results.map((result) => result.key),
    );
  });

  it('decodes form-encoded keys before asking the store about them', async () => {
    const { store, deps } = world();
    const event = bareEvent(['x']);
    event.Records[0]!.s3.object.key = 'external_input/a+b%2Bc%25d+%22q%27%22+%C3%A9%E6%9D%B1_527.txt';

    const { results } = await processEvent(deps, event);

    const decoded = 'external_input/a b+c%d "q\'" é東_527.txt';
    expect(store.heads).toEqual([decoded]);
    expect(results).toEqual([
      { key: decoded, status: 'skipped', error: 'expected the object to exist, found no such key' },
    ]);
  });

  it('keeps going after a malformed record and a transient store failure, reporting each', async () => {
    const { store, deps } = world();
    store.failHead = (key) =>
      key.endsWith('slow_527.txt') ? new TransientError('S3 HeadObject: SlowDown (503)') : undefined;
    const event = bareEvent([
      'external_input/bad_527.txt',
      'external_input/slow_527.txt',
      'external_input/gone_527.txt',
    ]);
    event.Records[0]!.s3.object.key = 'external_input/bad%E0%A4%A_527.txt';

    const { results } = await processEvent(deps, event);

    expect(results).toEqual([
      {
        key: 'external_input/bad%E0%A4%A_527.txt',
        status: 'failed',
        error:
          'expected a URL-encoded object key, found malformed escapes in "external_input/bad%E0%A4%A_527.txt"',
      },
      {
        key: 'external_input/slow_527.txt',
        status: 'failed',
        error: 'S3 HeadObject: SlowDown (503)',
        retry: true,
      },
      {
        key: 'external_input/gone_527.txt',
        status: 'skipped',
        error: 'expected the object to exist, found no such key',
      },
    ]);
    expect(store.heads).toEqual(['external_input/slow_527.txt', 'external_input/gone_527.txt']);
  });

  it('refuses an event that is not an S3 event', async () => {
    const { deps } = world();
    await expect(processEvent(deps, { detail: {} })).rejects.toThrow(
      'expected an S3 event with a Records array, found an object with keys [detail]',
    );
  });

  it('answers S3 test events with no records', async () => {
    const { deps } = world();
    expect(await processEvent(deps, { Event: 's3:TestEvent', Bucket: 'ferry-test' })).toEqual({
      results: [],
    });
  });
});

describe('the Lambda handler', () => {
  it('builds dependencies once per container and returns every record’s outcome', async () => {
    const { deps } = world();
    let builds = 0;
    const handler = makeHandler(async () => {
      builds += 1;
      return deps;
    });

    const first = await handler(bareEvent(['processing/a.txt']));
    const second = await handler(bareEvent(['external_input/gone_527.txt']));

    expect(builds).toBe(1);
    expect(first.results.map((result) => result.status)).toEqual(['skipped']);
    expect(second.results.map((result) => result.status)).toEqual(['skipped']);
  });

  it('throws after all records ran when one failed transiently, so Lambda delivers the event again', async () => {
    const { store, deps } = world();
    store.failHead = (key) =>
      key.includes('slow') ? new TransientError('S3 HeadObject: SlowDown (503)') : undefined;
    const handler = makeHandler(async () => deps);

    await expect(
      handler(bareEvent(['external_input/slow_527.txt', 'external_input/gone_527.txt'])),
    ).rejects.toThrow(
      'expected every record to finish, found 1 failed transiently: external_input/slow_527.txt (S3 HeadObject: SlowDown (503))',
    );
    expect(store.heads).toEqual(['external_input/slow_527.txt', 'external_input/gone_527.txt']);
  });

  it('builds the dependencies again on the next event when the first build failed', async () => {
    const { deps } = world();
    let builds = 0;
    const handler = makeHandler(async () => {
      builds += 1;
      if (builds === 1) throw new TransientError('secret not reachable');
      return deps;
    });

    await expect(handler(bareEvent(['processing/a.txt']))).rejects.toThrow('secret not reachable');
    const outcome = await handler(bareEvent(['processing/a.txt']));

    expect(builds).toBe(2);
    expect(outcome.results.map((result) => result.status)).toEqual(['skipped']);
  });
});
