import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import { checkBatchLimits, maxBatchSqlBytes } from '../../../../lib/core/load-sql/batch-limits.js';
import {
  buildLoad,
  COPY_STATEMENT_INDEX,
  DELETE_STATEMENT_INDEX,
  INSERT_STATEMENT_INDEX,
  type LoadInput,
} from '../../../../lib/core/load-sql/build-load.js';
import { copyTarget, flavorLoadRule } from '../../../support/sample-rules.js';

const input: LoadInput = {
  rule: flavorLoadRule(),
  runId: 'run-0001',
  fileName: 'PROD_20151015_150510973_PA_FLAVOR_527.txt',
  loadedAt: '2024-01-02 03:04:05',
  compression: 'none',
  hasHeader: false,
  ...copyTarget,
};

describe('buildLoad', () => {
  it('names the statement after the run and puts the COPY at its exported index', () => {
    const load = buildLoad(input);
    expect(load.name).toBe('ferry:run-0001');
    expect(load.sqls).toHaveLength(4);
    expect(load.sqls[COPY_STATEMENT_INDEX]).toBe(load.copySql);
    expect(load.copySql).toMatch(/^COPY "ferry_stage" \(/);
    expect(load.sqls[INSERT_STATEMENT_INDEX]).toBe(load.updateQuery);
  });

  it('stages, stamps and cleans up in one batch', () => {
    const [create, , insert, drop] = buildLoad(input).sqls;
    expect(create).toBe(
      'CREATE TEMP TABLE "ferry_stage" AS SELECT "flavor_id", "flavor_code", "flavor_name", "category", ' +
        '"effective_date", "price", "active_flag" FROM "rdsftetl"."dc_x_pa_flavor" LIMIT 0',
    );
    expect(insert).toContain(
      `"active_flag", 'PROD_20151015_150510973_PA_FLAVOR_527.txt', '2024-01-02 03:04:05'::timestamp FROM "ferry_stage"`,
    );
    expect(drop).toBe('DROP TABLE "ferry_stage"');
  });

  it('writes a Date load time as UTC with milliseconds', () => {
    const load = buildLoad({ ...input, loadedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)) });
    expect(load.updateQuery).toContain("'2024-01-02 03:04:05.678'::timestamp");
  });

  it.each(["2024-01-02'; drop table x; --", '02/01/2024', ''])('refuses the load time %j', (loadedAt) => {
    expect(() => buildLoad({ ...input, loadedAt })).toThrow('expected a load time as YYYY-MM-DD HH:MM:SS');
  });

  it('refuses an invalid Date', () => {
    expect(() => buildLoad({ ...input, loadedAt: new Date(Number.NaN) })).toThrow('invalid Date');
  });

  it.each(['run/../x', "run'; drop", '', 'a'.repeat(101)])('refuses the run id %j', (runId) => {
    expect(() => buildLoad({ ...input, runId })).toThrow('expected a run id');
  });

  it('keeps a hostile file name inside one literal', () => {
    const load = buildLoad({ ...input, fileName: "x'; drop table x; --" });
    expect(load.updateQuery).toContain(
      `"active_flag", 'x''; drop table x; --', '2024-01-02 03:04:05'::timestamp FROM`,
    );
    expect(load.sqls).toHaveLength(4);
  });

  it('refuses a rule without a target', () => {
    expect(() => buildLoad({ ...input, rule: flavorLoadRule({ target: undefined }) })).toThrow(ConfigError);
  });

  it('refuses a batch over the Data API size limit, naming both sizes', () => {
    const columns = Array.from({ length: 300 }, (_, index) => ({
      name: `c${String(index).padStart(3, '0')}_${'x'.repeat(100)}`,
    }));
    expect(() => buildLoad({ ...input, rule: flavorLoadRule({ columns }) })).toThrow(
      new RegExp(`expected at most ${maxBatchSqlBytes} bytes of SQL in one batch, found \\d+`),
    );
  });
});

describe('checkBatchLimits', () => {
  it('accepts 40 statements and refuses 41', () => {
    expect(() => checkBatchLimits(Array.from({ length: 40 }, () => 'select 1'))).not.toThrow();
    expect(() =>
      checkBatchLimits(
        Array.from({ length: 41 }, () => 'select 1'),
        { sid: 4, field: 'query' },
      ),
    ).toThrow(
      expect.objectContaining({ message: 'expected at most 40 statements in one batch, found 41', sid: 4 }),
    );
  });

  it('refuses an empty batch', () => {
    expect(() => checkBatchLimits([])).toThrow('found none');
  });

  it('counts bytes, not characters', () => {
    const half = 'é'.repeat(maxBatchSqlBytes / 2);
    expect(() => checkBatchLimits([half])).not.toThrow();
    expect(() => checkBatchLimits([`${half}é`])).toThrow(`found ${maxBatchSqlBytes + 2}`);
  });
});

describe('buildLoad for a replacing re-send', () => {
  it('deletes the earlier version by its stamped file name and load time, after the COPY and before the INSERT', () => {
    const load = buildLoad({ ...input, replacesLoadedAt: '2024-01-01 00:00:00.123' });
    expect(load.sqls).toHaveLength(5);
    expect(load.sqls[COPY_STATEMENT_INDEX]).toBe(load.copySql);
    expect(load.sqls[DELETE_STATEMENT_INDEX]).toBe(
      'DELETE FROM "rdsftetl"."dc_x_pa_flavor" WHERE "file_name" = \'PROD_20151015_150510973_PA_FLAVOR_527.txt\' ' +
        'AND "target_transaction_timestamp" = \'2024-01-01 00:00:00.123\'::timestamp',
    );
    expect(load.sqls[DELETE_STATEMENT_INDEX + 1]).toBe(load.updateQuery);
  });

  it('escapes a quote in the file name and refuses a load time that is not one', () => {
    const load = buildLoad({
      ...input,
      fileName: "O'BRIEN_527.txt",
      replacesLoadedAt: '2024-01-01 00:00:00',
    });
    expect(load.sqls[DELETE_STATEMENT_INDEX]).toContain("\"file_name\" = 'O''BRIEN_527.txt'");
    expect(() => buildLoad({ ...input, replacesLoadedAt: "x' or '1'='1" })).toThrow(
      'expected a load time as YYYY-MM-DD HH:MM:SS',
    );
  });
});
