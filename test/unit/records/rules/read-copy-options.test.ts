// The COPY options of migration 2026-12-02-013 as rule fields: a null column keeps the original row's meaning.
import { describe, expect, it } from 'vitest';
import { inspectRule, parseRule } from '../../../../lib/records/rules/parse-rule.js';
import type { FileConfigRow } from '../../../../lib/records/tables.js';
import { flavorColumnNames } from '../../../support/sample-rules.js';
import { configRow, detailRows, iface } from './rows.js';

const columns = detailRows([...flavorColumnNames]);
const ruleOf = (overrides: Partial<FileConfigRow>) => parseRule(configRow(overrides), iface, columns);
const problemsOf = (overrides: Partial<FileConfigRow>) =>
  inspectRule(configRow(overrides), iface, columns).problems.map((p) => [p.field, p.message]);

describe('reading the COPY option columns', () => {
  it('keeps an original row as it was: no ESCAPE, FILLRECORD, TRIMBLANKS, ROUNDEC; bare ACCEPTINVCHARS', () => {
    const rule = ruleOf({});
    expect(rule).toMatchObject({
      backslashEscape: false,
      fillRecord: false,
      trimBlanks: false,
      roundDecimals: false,
      acceptInvChars: {},
      compression: 'none',
    });
    expect(rule.ignoreHeaderRows).toBeUndefined();
    expect(rule.jsonPaths).toBeUndefined();
  });

  it('reads file_format csv without csv_quote as the csv layout', () => {
    const rule = ruleOf({ file_format: 'csv', file_type: 'csv', delimiter: ',' });
    expect([rule.layout, rule.quote]).toEqual(['csv', undefined]);
  });

  it('reads every new column', () => {
    const rule = ruleOf({
      backslash_escape: 'Y',
      ignore_header_rows: 3,
      fill_record: 'Y',
      trim_blanks: 'Y',
      round_decimals: 'Y',
      accept_inv_chars: 'Y',
      inv_char_replacement: '^',
      input_compression: 'zstd',
      json_paths: 'config/paths.json',
    });
    expect(rule).toMatchObject({
      backslashEscape: true,
      ignoreHeaderRows: 3,
      fillRecord: true,
      trimBlanks: true,
      roundDecimals: true,
      acceptInvChars: { replacement: '^' },
      compression: 'zstd',
      jsonPaths: 'config/paths.json',
    });
  });

  it("turns ACCEPTINVCHARS off with accept_inv_chars 'N'", () => {
    expect(ruleOf({ accept_inv_chars: 'N' }).acceptInvChars).toBe(false);
  });

  it.each([
    ['fixed_width', 'gzip'],
    ['json', 'gzip'],
    ['txt', 'zstd'],
    ['csv', 'bzip2'],
  ] as const)('takes input_compression on a %s rule: %s', (format, compression) => {
    const details = format === 'fixed_width' ? detailRows([{ name: 'acct_no', width: 10 }]) : columns;
    const config = configRow({ file_format: format, input_compression: compression, delimiter: null });
    const rule = parseRule(config, iface, details);
    expect(rule.compression).toBe(compression);
  });

  it.each([
    [
      { input_compression: 'lz4' },
      'input_compression',
      "expected one of none, gzip, bzip2, lzop, zstd or null, found 'lz4'",
    ],
    [
      { file_format: 'gz', input_compression: 'bzip2' },
      'input_compression',
      "is 'bzip2' but file_format 'gz' means gzip",
    ],
    [{ ignore_header_rows: -1 }, 'ignore_header_rows', "expected a whole number >= 0, found '-1'"],
    [{ fill_record: 'yes' }, 'fill_record', "expected 'Y' or 'N', found 'yes'"],
    [
      { inv_char_replacement: 'é' },
      'inv_char_replacement',
      "expected one ASCII character other than NUL, found 'é'",
    ],
    [
      { inv_char_replacement: '^^' },
      'inv_char_replacement',
      "expected one ASCII character other than NUL, found '^^'",
    ],
    [
      { accept_inv_chars: 'N', inv_char_replacement: '^' },
      'inv_char_replacement',
      "is set but accept_inv_chars is 'N': nothing is replaced",
    ],
  ] as const)('names a bad value: %o', (overrides, field, message) => {
    expect(problemsOf(overrides)).toEqual([[field, `rule 4 ${field}: ${message}`]]);
  });
});
