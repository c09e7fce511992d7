import { describe, expect, it } from 'vitest';
import {
  maxStatementNameLength,
  parseStatementName,
  statementName,
} from '../../../../lib/core/load-sql/statement-name.js';

describe('statement names', () => {
  it('names loads and transforms after the run id', () => {
    expect(statementName('load', '01JD8X3M4QH1ZC7W9K2B5N6P0R')).toBe('ferry:01JD8X3M4QH1ZC7W9K2B5N6P0R');
    expect(statementName('transform', 'run-1')).toBe('ferry-transform:run-1');
  });

  it('reads back what it wrote', () => {
    for (const kind of ['load', 'transform'] as const) {
      expect(parseStatementName(statementName(kind, 'abc.def_1-2'))).toEqual({ kind, runId: 'abc.def_1-2' });
    }
  });

  it.each([
    [undefined],
    [''],
    ['etl-job:123'],
    ['ferry:'],
    ['ferry:copy rdsftetl.x from s3://b/k'],
    ['ferry:a/b'],
    ['ferry-transform:'],
    ['Ferry:abc'],
    [`ferry:${'a'.repeat(maxStatementNameLength)}`],
  ])('does not claim %j', (name) => {
    expect(parseStatementName(name)).toBeUndefined();
  });

  it('stays far under the Data API limit for the longest run id', () => {
    expect(statementName('transform', 'a'.repeat(100)).length).toBeLessThanOrEqual(maxStatementNameLength);
  });
});
