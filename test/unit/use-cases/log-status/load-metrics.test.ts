import { describe, expect, it } from 'vitest';
import type { MetricRecord, Metrics } from '../../../../lib/ports/metrics.js';
import type { StatementDescription } from '../../../../lib/ports/warehouse.js';
import type { Run } from '../../../../lib/records/run.js';
import { factsFromDetails } from '../../../../lib/records/run-details.js';
import { recordLoadMetrics } from '../../../../lib/use-cases/log-status/load-metrics.js';
import type { StatusDependencies } from '../../../../lib/use-cases/log-status/status-dependencies.js';
import type { StatusRun } from '../../../../lib/use-cases/log-status/status-run.js';

const now = new Date('2026-11-30T08:01:30.000Z');

/** Prepare: a run validated with a trailer of 6 records, uploaded 90 s before `now`; a port double that records. */
function world() {
  const recorded: Array<{ record: MetricRecord; at: Date }> = [];
  const metrics: Metrics = { record: (record, at) => recorded.push({ record, at }) };
  const deps = { metrics, now: () => now } as unknown as StatusDependencies;
  const run = {
    id: 'run-1',
    facts: factsFromDetails({ records: 6, trailerCount: 6, uploadedAt: '2026-11-30T08:00:00.000Z' }),
  } as Run;
  const facts = { run, interfaceId: '527' } as StatusRun;
  const description = (status: StatementDescription['status']) => ({ status }) as StatementDescription;
  return { recorded, deps, facts, description };
}

describe('recordLoadMetrics', () => {
  it('counts a loaded file with its rows and the seconds since its upload', () => {
    const { recorded, deps, facts, description } = world();
    recordLoadMetrics(deps, facts, description('FINISHED'), {
      rowsLoaded: 6,
      rowsRejected: 0,
      mismatch: false,
    });
    expect(recorded).toEqual([
      {
        at: now,
        record: {
          interfaceId: '527',
          outcome: 'loaded',
          runId: 'run-1',
          values: {
            FilesLoaded: 1,
            FilesFailed: 0,
            RowCountMismatch: 0,
            RowsExpected: 6,
            RowsLoaded: 6,
            RowsRejected: 0,
            UploadToLoadedSeconds: 90,
          },
        },
      },
    ]);
  });

  it('counts a finished load whose rows do not add up as a failed file with a RowCountMismatch', () => {
    const { recorded, deps, facts, description } = world();
    recordLoadMetrics(deps, facts, description('FINISHED'), {
      rowsLoaded: 5,
      rowsRejected: 0,
      mismatch: true,
    });
    expect(recorded.map((r) => [r.record.outcome, r.record.values])).toEqual([
      [
        'failed',
        {
          FilesLoaded: 0,
          FilesFailed: 1,
          RowCountMismatch: 1,
          RowsExpected: 6,
          RowsLoaded: 5,
          RowsRejected: 0,
        },
      ],
    ]);
  });

  it('counts an aborted statement as an aborted, failed file without rows', () => {
    const { recorded, deps, facts, description } = world();
    recordLoadMetrics(deps, facts, description('ABORTED'), {
      rowsLoaded: null,
      rowsRejected: null,
      mismatch: false,
    });
    expect(recorded.map((r) => [r.record.outcome, r.record.values])).toEqual([
      ['aborted', { FilesLoaded: 0, FilesFailed: 1, RowCountMismatch: 0, RowsExpected: 6 }],
    ]);
  });
});
