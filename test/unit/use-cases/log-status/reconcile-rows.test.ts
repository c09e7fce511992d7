import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../lib/records/run.js';
import { factsFromDetails } from '../../../../lib/records/run-details.js';
import {
  loadCountChecks,
  recordsValidated,
  rowCountMismatch,
} from '../../../../lib/use-cases/log-status/reconcile-rows.js';

/** A run whose details column holds `details`, read the way the ledger reads it. */
function run(details: Record<string, unknown>): Pick<Run, 'facts'> {
  return { facts: factsFromDetails(details) };
}

describe('rows loaded + rejected against the records validated', () => {
  it('takes the trailer count when the file had one, else the data lines counted', () => {
    expect(recordsValidated(run({ records: 5, trailerCount: 5 }))).toEqual({
      records: 5,
      source: 'the trailer count',
    });
    expect(recordsValidated(run({ records: 4 }))).toEqual({ records: 4, source: 'the data lines counted' });
  });

  it('cannot compare a file loaded as it is, unread', () => {
    expect(recordsValidated(run({ records: null }))).toBeNull();
    expect(rowCountMismatch(run({ records: null }), { rowsLoaded: 10, rowsRejected: 0 })).toBeUndefined();
  });

  it('accepts rows loaded plus rows rejected under MAXERROR that add up', () => {
    expect(rowCountMismatch(run({ records: 6, trailerCount: 6 }), { rowsLoaded: 6, rowsRejected: 0 })).toBe(
      undefined,
    );
    expect(rowCountMismatch(run({ records: 6, trailerCount: 6 }), { rowsLoaded: 4, rowsRejected: 2 })).toBe(
      undefined,
    );
  });

  it('says what was expected and found when rows went missing or appeared', () => {
    expect(rowCountMismatch(run({ records: 3, trailerCount: 3 }), { rowsLoaded: 2, rowsRejected: 0 })).toBe(
      'expected rows loaded + rejected to equal the 3 records validated (the trailer count), found 2 loaded + 0 rejected = 2',
    );
    expect(rowCountMismatch(run({ records: 3 }), { rowsLoaded: 4, rowsRejected: 0 })).toBe(
      'expected rows loaded + rejected to equal the 3 records validated (the data lines counted), found 4 loaded + 0 rejected = 4',
    );
  });

  it('waits for counts that are still unknown', () => {
    expect(rowCountMismatch(run({ records: 3 }), { rowsLoaded: null, rowsRejected: 0 })).toBeUndefined();
    expect(rowCountMismatch(run({ records: 3 }), { rowsLoaded: 3, rowsRejected: null })).toBeUndefined();
  });
});

describe('the control_count check after the load', () => {
  const earlier = [
    { check: 'control_count', outcome: 'passed', expected: '5 records', found: '5 records' },
    { check: 'control_sum', outcome: 'passed', expected: 'sum 1.5', found: 'sum 1.5 of 5 values' },
  ];

  it("replaces the processing function's verdict with the warehouse's rows, keeping the other checks", () => {
    const checks = loadCountChecks(run({ records: 5, trailerCount: 5, checks: earlier }), {
      rowsLoaded: 4,
      rowsRejected: 1,
    });
    expect(checks).toEqual([
      {
        check: 'control_count',
        outcome: 'passed',
        expected: '5 records',
        found: '4 loaded + 1 rejected rows',
      },
      earlier[1],
    ]);
  });

  it('fails with expected and found when rows went missing', () => {
    const checks = loadCountChecks(run({ records: 5, trailerCount: 5 }), { rowsLoaded: 3, rowsRejected: 0 });
    expect(checks).toEqual([
      {
        check: 'control_count',
        outcome: 'failed',
        expected: '5 records',
        found: '3 loaded + 0 rejected rows',
      },
    ]);
  });

  it('records nothing without a trailer count or with unknown counts', () => {
    expect(loadCountChecks(run({ records: 5 }), { rowsLoaded: 5, rowsRejected: 0 })).toBeUndefined();
    expect(loadCountChecks(run({ trailerCount: 5 }), { rowsLoaded: 5, rowsRejected: null })).toBeUndefined();
  });
});
