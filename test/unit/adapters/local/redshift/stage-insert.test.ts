import { describe, expect, it } from 'vitest';
import {
  findStageInsert,
  parseInsertSelect,
} from '../../../../../lib/adapters/local/redshift/stage-insert.js';
import { buildLoad } from '../../../../../lib/core/load-sql/build-load.js';
import { copyTarget, flavorLoadRule } from '../../../../support/sample-rules.js';

const ferryBatch = (replacesLoadedAt?: string) =>
  buildLoad({
    rule: flavorLoadRule({ columns: [{ name: 'a' }, { name: 'b' }] }),
    runId: 'run-1',
    fileName: "it's.txt",
    loadedAt: '2024-01-02 03:04:05',
    compression: 'none',
    hasHeader: false,
    ...copyTarget,
    ...(replacesLoadedAt && { replacesLoadedAt }),
  }).sqls;

describe('findStageInsert', () => {
  it("recognises Ferry's load batch: its COPY into the stage, then the INSERT of the stage's columns and the stamps", () => {
    const pair = findStageInsert(ferryBatch(), 1);
    expect(pair?.copy.table).toEqual({ name: 'ferry_stage' });
    expect(pair?.target).toEqual({ schema: 'rdsftetl', name: 'dc_x_pa_flavor' });
    expect(pair?.columns).toEqual(['a', 'b', 'file_name', 'target_transaction_timestamp']);
    expect(pair?.values).toEqual([
      { column: 'a' },
      { column: 'b' },
      { constant: "'it''s.txt'" },
      { constant: "'2024-01-02 03:04:05'::timestamp" },
    ]);
  });

  it('leaves a batch alone where anything stands between the COPY and the INSERT or reads the stage later', () => {
    const [create, copy, insert, drop] = ferryBatch() as [string, string, string, string];
    // A replacing load deletes the earlier version between the two.
    expect(findStageInsert(ferryBatch('2024-01-01 00:00:00'), 1)).toBeUndefined();
    expect(findStageInsert([create, copy, 'select 1', insert, drop], 1)).toBeUndefined();
    expect(
      findStageInsert([create, copy, insert, 'select count(*) from ferry_stage', drop], 1),
    ).toBeUndefined();
    expect(findStageInsert([create, `${copy}; select 1`, insert, drop], 1)).toBeUndefined();
    expect(
      findStageInsert([create, copy, insert.replace('"ferry_stage"', 'other'), drop], 1),
    ).toBeUndefined();
    expect(findStageInsert([create, copy, insert, 'drop table if exists ferry_stage'], 1)).toBeDefined();
  });

  it('reads only column names and cast literals in the SELECT list, with nothing after FROM', () => {
    const parse = (select: string) => parseInsertSelect(`insert into t (a, b) ${select}`);
    expect(parse('select a, NULL::character varying(12) from s')?.values).toEqual([
      { column: 'a' },
      { constant: 'NULL::character varying(12)' },
    ]);
    expect(parse('select a, 12 from s')?.values).toEqual([{ column: 'a' }, { constant: '12' }]);
    for (const select of [
      'select a, upper(b) from s',
      'select a, b from s where a > 1',
      'select a, b || b from s',
      'select a, -1 from s',
      'select a from s',
      'select a, b from s join u on true',
    ]) {
      expect(parse(select), select).toBeUndefined();
    }
  });
});
