// The EMF records both functions write for a loaded and for a failed file, on the local runtime (stand-in + PGlite/PG).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmfMetrics } from '../../../lib/adapters/emf-metrics.js';
import { sampleFilesDir } from '../../../lib/cli/local-runtime.js';
import { delegatingStore } from '../../support/delegating-store.js';
import { openTestRuntime, runtimeTargets, type TestRuntime } from '../../support/local-runtime.js';

const loadedFile = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
const failedFile = 'PROD_20151016_090000000_PA_FLAVOR_527.txt';
const uploadedAt = new Date('2026-11-30T08:00:00.000Z');
const now = new Date('2026-11-30T08:01:30.000Z');

/** The directive every record carries: both dimension sets, the metrics named in the order they were added. */
function directive(metrics: Array<[string, string]>) {
  return {
    Timestamp: now.getTime(),
    CloudWatchMetrics: [
      {
        Namespace: 'Ferry',
        Dimensions: [['service'], ['service', 'interface']],
        Metrics: metrics.map(([Name, Unit]) => ({ Name, Unit })),
      },
    ],
  };
}

describe.each(runtimeTargets)('EMF metrics on the local runtime (%s)', (target) => {
  let world: { runtime: TestRuntime; lines: string[] };
  beforeAll(async () => {
    const lines: string[] = [];
    const runtime = await openTestRuntime(target, {
      decorate: (built) => {
        // `built` is updated with what this returns: keep the store as built.
        const store = built.store;
        return {
          now: () => now,
          metrics: new EmfMetrics({ namespace: 'Ferry', log: built.log, write: (line) => lines.push(line) }),
          // Upload time as S3 would report it, fixed so the latency is exact.
          store: delegatingStore(store, {
            head: async (key) => {
              const info = await store.head(key);
              return info && { ...info, lastModified: uploadedAt };
            },
          }),
        };
      },
    });
    world = { runtime, lines };
  });
  afterAll(async () => world?.runtime.close());
  beforeEach(() => {
    world.lines.length = 0;
  });

  async function put(world: { runtime: TestRuntime }, name: string) {
    const key = await world.runtime.putFile(join(sampleFilesDir, name));
    await world.runtime.idle();
    const result = world.runtime.processed(key);
    if (!result?.runId) throw new Error(`expected a run for ${key}, found ${JSON.stringify(result)}`);
    return { runId: result.runId, bytes: (await stat(join(sampleFilesDir, name))).size };
  }

  it('writes a record from process-file and one from log-status for a loaded file', async () => {
    const { runId, bytes } = await put(world, loadedFile);
    expect(world.lines.map((line) => JSON.parse(line))).toEqual([
      {
        _aws: directive([
          ['FilesReceived', 'Count'],
          ['BytesReceived', 'Bytes'],
          ['FilesFailed', 'Count'],
          ['FilesRetried', 'Count'],
          ['PrepareSeconds', 'Seconds'],
        ]),
        outcome: 'submitted',
        runId,
        service: 'ferry',
        interface: '527',
        FilesReceived: 1,
        BytesReceived: bytes,
        FilesFailed: 0,
        FilesRetried: 0,
        PrepareSeconds: 0,
      },
      {
        _aws: directive([
          ['FilesLoaded', 'Count'],
          ['FilesFailed', 'Count'],
          ['RowCountMismatch', 'Count'],
          ['RowsExpected', 'Count'],
          ['RowsLoaded', 'Count'],
          ['RowsRejected', 'Count'],
          ['UploadToLoadedSeconds', 'Seconds'],
        ]),
        outcome: 'loaded',
        runId,
        service: 'ferry',
        interface: '527',
        FilesLoaded: 1,
        FilesFailed: 0,
        RowCountMismatch: 0,
        RowsExpected: 6,
        RowsLoaded: 6,
        RowsRejected: 0,
        UploadToLoadedSeconds: 90,
      },
    ]);
    // Each record is one line of JSON, as CloudWatch Logs reads an EMF event.
    expect(world.lines.every((line) => line.endsWith('}\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
  });

  it('writes one failed record from process-file for a file whose trailer count is wrong', async () => {
    const { runId, bytes } = await put(world, failedFile);
    expect(world.lines.map((line) => JSON.parse(line))).toEqual([
      {
        _aws: directive([
          ['FilesReceived', 'Count'],
          ['BytesReceived', 'Bytes'],
          ['FilesFailed', 'Count'],
          ['FilesRetried', 'Count'],
        ]),
        outcome: 'failed',
        runId,
        service: 'ferry',
        interface: '527',
        FilesReceived: 1,
        BytesReceived: bytes,
        FilesFailed: 1,
        FilesRetried: 0,
      },
    ]);
  });
});
