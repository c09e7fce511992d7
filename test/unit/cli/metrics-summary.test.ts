import { describe, expect, it } from 'vitest';
import { summarizeMetrics } from '../../../lib/cli/metrics-summary.js';

/** An EMF record as the adapter writes it, reduced to what the summary reads. */
function record(fields: Record<string, string | number>, metrics: Record<string, number>) {
  return {
    _aws: { CloudWatchMetrics: [{ Metrics: Object.keys(metrics).map((Name) => ({ Name })) }] },
    ...fields,
    ...metrics,
  };
}

describe('summarizeMetrics', () => {
  it('sums counts per feed and over all feeds, and averages durations over the records that have them', async () => {
    const rows = await summarizeMetrics([
      record({ interface: '527' }, { FilesReceived: 1, BytesReceived: 300, PrepareSeconds: 0.5 }),
      record({ interface: '527' }, { FilesLoaded: 1, RowsLoaded: 6, UploadToLoadedSeconds: 90 }),
      record(
        { interface: '100' },
        { FilesReceived: 1, FilesFailed: 1, BytesReceived: 20, PrepareSeconds: 1.5 },
      ),
      // A property that is not a declared metric is not counted.
      record({ interface: '100', FilesLoaded: 5 }, {}),
    ]);
    expect(
      rows.map((row) => [row.interface, row.received, row.loaded, row.failed, row['rows loaded']]),
    ).toEqual([
      ['100', 1, 0, 1, 0],
      ['527', 1, 1, 0, 6],
      ['(all)', 2, 1, 1, 6],
    ]);
    expect(rows.map((row) => [row.bytes, row['prepare s'], row['upload to loaded s']])).toEqual([
      [20, 1.5, null],
      [300, 0.5, 90],
      [320, 1, 90],
    ]);
  });

  it('gives no rows when nothing was recorded', async () => {
    expect(await summarizeMetrics([])).toEqual([]);
  });
});
