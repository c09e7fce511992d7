import { describe, expect, it } from 'vitest';
import { awaitedStatement, overdueBefore } from '../../../../lib/use-cases/reconcile/awaited-statement.js';

const run = (state: string, statementId: string | null, transformStatementId: string | null = null) =>
  ({ state, statementId, transformStatementId }) as Parameters<typeof awaitedStatement>[0];

describe('awaitedStatement', () => {
  it('waits on the load of a SUBMITTED run, with or without a recorded id', () => {
    expect(awaitedStatement(run('SUBMITTED', 'a'))).toEqual({ kind: 'load', statementId: 'a' });
    expect(awaitedStatement(run('SUBMITTED', null))).toEqual({ kind: 'load', statementId: null });
  });

  it('waits on the post-load SQL of a LOADED run only once it was submitted', () => {
    expect(awaitedStatement(run('LOADED', 'a', 't'))).toEqual({ kind: 'transform', statementId: 't' });
    expect(awaitedStatement(run('LOADED', 'a', 'pending'))).toBeUndefined();
    expect(awaitedStatement(run('LOADED', 'a', null))).toBeUndefined();
  });

  it('waits on nothing for a run that ended', () => {
    for (const state of ['FAILED', 'ABORTED', 'TRANSFORMED', 'TRANSFORM_FAILED', 'SPLIT', 'RECEIVED']) {
      expect(awaitedStatement(run(state, 'a', 't'))).toBeUndefined();
    }
  });
});

describe('overdueBefore', () => {
  it('is the moment the given minutes before now', () => {
    expect(overdueBefore(new Date('2026-12-07T01:20:00Z'), 15)).toEqual(new Date('2026-12-07T01:05:00Z'));
  });
});
