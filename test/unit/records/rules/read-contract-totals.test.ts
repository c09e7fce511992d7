import { describe, expect, it } from 'vitest';
import { inspectRule, parseRule } from '../../../../lib/records/rules/parse-rule.js';
import type { FileConfigRow } from '../../../../lib/records/tables.js';
import { configRow, detailRows, iface } from './rows.js';

const columns = detailRows(['id', 'amount', 'note']);
const trailer = { trailer_flag: 'Y', trailer_pstn: '4:9' } as const;

function problems(overrides: Partial<FileConfigRow>, details = columns): string[] {
  return inspectRule(configRow(overrides), iface, details).problems.map((p) => p.message);
}

describe('control totals and lineage columns', () => {
  it('reads a sum, a digest (sha256 when no algorithm is named) and lineage', () => {
    const rule = parseRule(
      configRow({
        ...trailer,
        control_sum_column: 'AMOUNT',
        control_sum_pstn: '10:22',
        control_hash_pstn: '23:87',
        lineage_flag: 'Y',
      }),
      iface,
      columns,
    );
    expect(rule.controlTotals).toEqual({
      sum: { column: 'AMOUNT', position: { start: 10, end: 22 } },
      hash: { algorithm: 'sha256', position: { start: 23, end: 87 } },
    });
    expect(rule.lineage).toEqual({ lineColumn: 'source_line_number', versionColumn: 'source_version' });
  });

  it('keeps a row without the columns as it was', () => {
    const rule = parseRule(configRow(trailer), iface, columns);
    expect(rule.controlTotals).toBeUndefined();
    expect(rule.lineage).toBeUndefined();
  });

  it("refuses a sum position without a column, and a column that is not the rule's", () => {
    expect(problems({ ...trailer, control_sum_pstn: '10:22' })).toEqual([
      'rule 4 control_sum_column: expected the column whose values the trailer sums, as control_sum_pstn is set, found null',
    ]);
    expect(problems({ ...trailer, control_sum_column: 'price', control_sum_pstn: '10:22' })).toEqual([
      "rule 4 control_sum_column: expected one of the rule's columns (id, amount, note), found 'price'",
    ]);
  });

  it('refuses control positions without a trailer, and an algorithm without a position or unknown', () => {
    expect(problems({ control_hash_pstn: '10:20' })).toEqual([
      "rule 4 control_hash_pstn: is set but trailer_flag is not 'Y': control totals are read from the trailer",
    ]);
    expect(problems({ ...trailer, control_hash_algorithm: 'md5' })).toEqual([
      "rule 4 control_hash_pstn: expected the digest's 'S:E' in the trailer, as control_hash_algorithm is set, found null",
    ]);
    expect(problems({ ...trailer, control_hash_pstn: '10:20', control_hash_algorithm: 'crc32' })).toEqual([
      "rule 4 control_hash_algorithm: expected one of md5, sha256 (sha256 when null), found 'crc32'",
    ]);
  });

  it('refuses positions that overlap within the trailer', () => {
    expect(
      problems({
        ...trailer,
        control_sum_column: 'amount',
        control_sum_pstn: '8:12',
        control_hash_pstn: '11:20',
      }),
    ).toEqual([
      "rule 4 control_sum_pstn: characters 8-11 overlap trailer_pstn's 4-8 in the trailer",
      "rule 4 control_hash_pstn: characters 11-19 overlap control_sum_pstn's 8-11 in the trailer",
    ]);
  });

  it('refuses a sum and lineage on layouts without fields, lineage on a split parent and on a lineage column', () => {
    expect(
      problems({
        ...trailer,
        file_format: 'json',
        file_type: 'json',
        control_sum_column: 'amount',
        control_sum_pstn: '10:20',
      }),
    ).toContain(
      "rule 4 control_sum_column: a json file's values cannot be summed while it is read; expected a delimited, CSV or fixed_width rule",
    );
    expect(problems({ file_format: 'json', file_type: 'json', lineage_flag: 'Y' })).toContain(
      "rule 4 lineage_flag: is 'Y' on a json rule; line numbers are loaded as a field of delimited, CSV or fixed_width records",
    );
    expect(problems({ split_file_flag: 'Y', split_prefix: 'H1', lineage_flag: 'Y' })).toContain(
      "rule 4 lineage_flag: is 'Y' on a split parent, which is never loaded; set it on the parts' rules",
    );
    expect(problems({ lineage_flag: 'Y' }, detailRows(['id', 'source_line_number']))).toEqual([
      'rule 4 lineage_flag: expected data columns only, found source_line_number, which lineage fills',
    ]);
    expect(problems({ lineage_flag: 'y' })).toEqual(["rule 4 lineage_flag: expected 'Y' or 'N', found 'y'"]);
  });
});
