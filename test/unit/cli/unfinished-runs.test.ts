import { describe, expect, it } from 'vitest';
import { describeUnfinished, unfinishedRuns } from '../../../lib/cli/unfinished-runs.js';
import type { RunOutcome } from '../../../lib/records/outcomes.js';

const outcome = (key: string, state: string): RunOutcome => ({
  runId: `run-${key}`,
  key,
  parentRunId: null,
  state,
  rowsLoaded: null,
  rowsRejected: null,
  error: null,
  auditId: null,
});

describe('unfinishedRuns (ferry put exits 1 on these)', () => {
  it('names runs still RECEIVED or SUBMITTED and keys with no run, and nothing that ended', () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const outcomes = [
      outcome('a', 'RECEIVED'),
      outcome('b', 'SUBMITTED'),
      outcome('c', 'TRANSFORMED'),
      outcome('d', 'FAILED'),
    ];
    expect(unfinishedRuns(keys, outcomes)).toEqual([
      'a (run run-a still RECEIVED)',
      'b (run run-b still SUBMITTED)',
      'e (no run recorded)',
    ]);
    expect(unfinishedRuns(['c', 'd'], outcomes.slice(2))).toEqual([]);
  });

  it('says what was expected, what was found and what to do', () => {
    expect(describeUnfinished(['a (run run-a still RECEIVED)'])).toBe(
      'ferry: expected every run to finish, found 1 that did not: a (run run-a still RECEIVED); `ferry status --stuck` lists them, `ferry reprocess --resume <run>` records a statement that ended',
    );
  });
});
