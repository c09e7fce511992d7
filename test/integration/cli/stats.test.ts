// `ferry stats` reads the EMF records the local runtime appended to the workspace's metrics file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmfMetrics } from '../../../lib/adapters/emf-metrics.js';
import { metricsFile } from '../../../lib/adapters/local/metrics-file.js';
import { metricsFileWriter } from '../../../lib/adapters/local/metrics-file-writer.js';
import { createLogger } from '../../../lib/adapters/pino-logger.js';
import { runFerry } from './cli-targets.js';

describe('ferry stats', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ferry-stats-'));
    const metrics = new EmfMetrics({
      namespace: 'Ferry',
      log: createLogger({ level: 'silent' }),
      write: metricsFileWriter(metricsFile(workspace)),
    });
    const at = new Date();
    metrics.record(
      { interfaceId: '527', outcome: 'submitted', values: { FilesReceived: 1, BytesReceived: 353 } },
      at,
    );
    metrics.record({ interfaceId: '527', outcome: 'loaded', values: { FilesLoaded: 1, RowsLoaded: 6 } }, at);
    metrics.record(
      { interfaceId: '558', outcome: 'failed', values: { FilesReceived: 1, FilesFailed: 1 } },
      at,
    );
  });
  afterAll(async () => rm(workspace, { recursive: true, force: true }));

  it('sums the recorded metrics per feed and over all feeds', async () => {
    const result = await runFerry(['--json', 'stats'], { FERRY_WORKSPACE: workspace });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as Array<Record<string, unknown>>;
    expect(
      rows.map((row) => [row.interface, row.received, row.loaded, row.failed, row['rows loaded'], row.bytes]),
    ).toEqual([
      ['527', 1, 1, 0, 6, 353],
      ['558', 1, 0, 1, 0, 0],
      ['(all)', 2, 1, 1, 6, 353],
    ]);
  });

  it('prints the records themselves with --raw, and says so when nothing was recorded', async () => {
    const raw = await runFerry(['stats', '--raw'], { FERRY_WORKSPACE: workspace });
    expect(
      raw.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).outcome),
    ).toEqual(['submitted', 'loaded', 'failed']);
    const empty = await runFerry(['stats'], { FERRY_WORKSPACE: join(workspace, 'none') });
    expect(empty).toMatchObject({ code: 0, out: 'no metrics recorded yet: put a file first (ferry put)\n' });
  });
});
