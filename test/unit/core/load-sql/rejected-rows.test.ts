import { describe, expect, it } from 'vitest';
import { rejectedRowColumns, rejectedRowsSql } from '../../../../lib/core/load-sql/rejected-rows.js';

describe('rejectedRowsSql', () => {
  it('selects the documented SYS_LOAD_ERROR_DETAIL columns for one query id, with the count of all its rows', () => {
    expect(rejectedRowsSql(762949)).toBe(
      'SELECT "query_id", TRIM("file_name") AS "file_name", "line_number", TRIM("column_name") AS "column_name", ' +
        'TRIM("column_type") AS "column_type", "position", "error_code", TRIM("error_message") AS "error_message", ' +
        'COUNT(*) OVER () AS "rejected_total" FROM "sys_load_error_detail" WHERE "query_id" = 762949 ORDER BY "file_name", "line_number" LIMIT 1000',
    );
  });

  it('lists its result columns in select order', () => {
    expect(rejectedRowColumns).toEqual([
      'query_id',
      'file_name',
      'line_number',
      'column_name',
      'column_type',
      'position',
      'error_code',
      'error_message',
    ]);
  });

  it('takes a custom limit', () => {
    expect(rejectedRowsSql(1, 10).endsWith(' LIMIT 10')).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])('refuses the query id %s', (queryId) => {
    expect(() => rejectedRowsSql(queryId)).toThrow('expected a positive integer Redshift query id');
  });

  it('refuses a bad limit', () => {
    expect(() => rejectedRowsSql(1, 0)).toThrow('expected a positive row limit, found 0');
  });
});
