import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import { inspectRule, parseRule } from '../../../../lib/records/rules/parse-rule.js';
import type { FileConfigRow } from '../../../../lib/records/tables.js';
import { flavorColumnNames, flavorRule } from '../../../support/sample-rules.js';
import { configRow, detailRows, iface } from './rows.js';

const sevenColumns = detailRows([...flavorColumnNames]);

function problemsOf(overrides: Partial<FileConfigRow>, details = sevenColumns) {
  return inspectRule(configRow(overrides), iface, details).problems.map((p) => ({
    sid: p.sid,
    field: p.field,
    message: p.message,
  }));
}

describe('parseRule', () => {
  it('reads the pipe-delimited sample rule with its trailer and the original defaults', () => {
    const rule = parseRule(
      configRow({ trailer_flag: 'Y', trailer_pstn: '4:14', query: 'call x({{file_name}});' }),
      iface,
      sevenColumns,
    );
    expect(rule).toEqual(
      flavorRule({
        postLoadSql: 'call x({{file_name}});',
        columns: sevenColumns.map((d) => ({ name: d.column_name })),
      }),
    );
  });

  it.each([
    ['gz', 'gzip'],
    ['bz2', 'bzip2'],
    ['lzo', 'lzop'],
    ['txt', 'none'],
    ['csv', 'none'],
  ] as const)('derives compression %s → %s from file_format', (format, compression) => {
    expect(parseRule(configRow({ file_format: format }), iface, sevenColumns).compression).toBe(compression);
  });

  it('refuses file_format csv with file_type gz, naming the right spelling (COPY would read gzip as text)', () => {
    expect(problemsOf({ file_format: 'csv', file_type: 'gz', delimiter: ',', csv_quote: '"' })).toEqual([
      {
        sid: 4,
        field: 'file_format',
        message:
          "rule 4 file_format: file_type 'gz' is a gzip file but file_format 'csv' loads it uncompressed: " +
          "expected file_format 'gz' (a gzip CSV is file_format 'gz' with csv_quote '\"') or input_compression 'gzip'",
      },
    ]);
    expect(problemsOf({ file_format: 'gz', file_type: 'gz', delimiter: ',', csv_quote: '"' })).toEqual([]);
  });

  it('reads a gzip file with csv_quote as the csv layout', () => {
    const rule = parseRule(
      configRow({ file_format: 'gz', file_type: 'gz', delimiter: ',', csv_quote: '"', header_flag: 'Y' }),
      iface,
      sevenColumns,
    );
    expect([rule.layout, rule.compression, rule.quote, rule.delimiter, rule.header]).toEqual([
      'csv',
      'gzip',
      '"',
      ',',
      true,
    ]);
  });

  it('reads a fixed-width rule with the widths in column order and no delimiter', () => {
    const rule = parseRule(
      configRow({ file_format: 'fixed_width', file_type: 'dat', delimiter: null }),
      iface,
      detailRows([
        { name: 'balance', width: 12, order: '4' },
        { name: 'acct_no', width: 10, order: '1' },
        { name: 'open_date', width: 8, order: '3' },
        { name: 'acct_name', width: 20, order: '2' },
      ]),
    );
    expect(rule.layout).toBe('fixed_width');
    expect(rule.delimiter).toBeUndefined();
    expect(rule.columns).toEqual([
      { name: 'acct_no', width: 10 },
      { name: 'acct_name', width: 20 },
      { name: 'open_date', width: 8 },
      { name: 'balance', width: 12 },
    ]);
  });

  it('orders columns by column_order_sqnc as numbers and leaves out inactive ones', () => {
    const rule = parseRule(
      configRow(),
      iface,
      detailRows([
        { name: 'tenth', order: '10.00' },
        { name: 'ninth', order: '9.00' },
        { name: 'between', order: '9.50' },
        { name: 'retired', order: '1.00', active: false },
      ]),
    );
    expect(rule.columns.map((c) => c.name)).toEqual(['ninth', 'between', 'tenth']);
  });

  it('reads a split parent without a target and with its record-type codes', () => {
    const rule = parseRule(
      configRow({
        tgt_schema_name: null,
        tgt_table_name: null,
        file_prefix: '700.',
        split_file_flag: 'Y',
        split_prefix: 'H1, D1',
        trailer_flag: 'Y',
        trailer_pstn: '4:14',
      }),
      iface,
      [],
    );
    expect(rule.target).toBeUndefined();
    expect(rule.split).toEqual({ codes: ['H1', 'D1'] });
    expect(rule.token).toBe('700');
  });

  it("reads Ferry's optional columns and their defaults", () => {
    const rule = parseRule(
      configRow({
        file_pattern: 'PROD_*_527.txt',
        min_size_bytes: 10,
        max_errors: 5,
        null_as: '',
        empty_as_null: 'Y',
        blanks_as_null: 'Y',
        truncate_columns: 'Y',
        accept_any_date: 'N',
        date_format: 'YYYYMMDD',
        time_format: 'epochsecs',
        header_flag: 'Y',
        check_header_flag: 'Y',
        output_compression: 'gzip',
        output_parts: 4,
        delimiter: '\\t',
      }),
      iface,
      sevenColumns,
    );
    expect(rule).toMatchObject({
      pattern: 'PROD_*_527.txt',
      minSizeBytes: 10,
      maxErrors: 5,
      nullAs: '',
      emptyAsNull: true,
      blanksAsNull: true,
      truncateColumns: true,
      acceptAnyDate: false,
      dateFormat: 'YYYYMMDD',
      timeFormat: 'epochsecs',
      checkHeader: true,
      output: { compression: 'gzip', parts: 4 },
      delimiter: '\t',
    });
  });

  it('throws the ConfigError naming the sid and the field', () => {
    const parse = () => parseRule(configRow({ trailer_flag: 'Y', trailer_pstn: null }), iface, sevenColumns);
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(
      "rule 4 trailer_pstn: expected 'S:E' with integers 1 <= S < E (e.g. '4:14') when trailer_flag is 'Y', found null",
    );
  });
});

describe('inspectRule problems', () => {
  it('names an unknown file_format', () => {
    expect(problemsOf({ file_format: 'xlsx' })).toEqual([
      {
        sid: 4,
        field: 'file_format',
        message:
          "rule 4 file_format: expected one of txt, csv, gz, bz2, lzo, fixed_width, json, parquet, found 'xlsx'",
      },
    ]);
  });

  it.each([null, '', ' , '])('names split_prefix %j on a split rule', (prefix) => {
    const [problem] = problemsOf({ split_file_flag: 'Y', split_prefix: prefix });
    expect(problem?.field).toBe('split_prefix');
    expect(problem?.message).toMatch(
      /^rule 4 split_prefix: expected a comma-separated list of distinct record-type codes/,
    );
  });

  it.each(['4-14', '14:4', '0:10', '4:4', 'a:b', '4:14:20'])(
    'names the malformed trailer_pstn %s',
    (pstn) => {
      expect(problemsOf({ trailer_flag: 'Y', trailer_pstn: pstn })).toEqual([
        expect.objectContaining({
          field: 'trailer_pstn',
          message: expect.stringContaining(`found '${pstn}'`),
        }),
      ]);
    },
  );

  it('ignores trailer_pstn when the rule has no trailer', () => {
    expect(problemsOf({ trailer_flag: 'N', trailer_pstn: 'junk' })).toEqual([]);
  });

  it('names every fixed-width column without a width', () => {
    const details = detailRows([{ name: 'a', width: 3 }, { name: 'b' }, { name: 'c', width: 0 }]);
    expect(
      problemsOf({ file_format: 'fixed_width', file_type: 'dat' }, details).map((p) => p.message),
    ).toEqual([
      'rule 4 column_width_fixed: expected a whole number >= 1 for every column of a fixed_width rule (detail 101), found null',
      "rule 4 column_width_fixed: expected a whole number >= 1 for every column of a fixed_width rule (detail 102), found '0'",
    ]);
  });

  it('names a loadable rule without active columns', () => {
    expect(problemsOf({}, detailRows([{ name: 'a', active: false }]))).toEqual([
      {
        sid: 4,
        field: 'ext_file_config_dtl',
        message:
          'rule 4 ext_file_config_dtl: expected at least one active column for a rule that loads, found none',
      },
    ]);
  });

  it.each([
    ['tgt_schema_name', { tgt_schema_name: 'rdsftetl;drop' }],
    ['tgt_table_name', { tgt_table_name: 'hosp rpt' }],
    ['tgt_table_name', { tgt_table_name: '"quoted"' }],
    ['tgt_table_name', { tgt_table_name: `t${'x'.repeat(127)}` }],
    ['tgt_schema_name', { tgt_schema_name: null }],
  ] as const)('names the bad identifier in %s', (field, overrides) => {
    expect(problemsOf(overrides)).toEqual([expect.objectContaining({ sid: 4, field })]);
  });

  it('accepts identifiers with digits, underscores and dollar signs up to 127 bytes', () => {
    expect(problemsOf({ tgt_schema_name: '_s$1', tgt_table_name: `t${'x'.repeat(126)}` })).toEqual([]);
  });

  it.each(['a"b', 'bad name', 'x;drop', '1st'])('names the bad column name %s', (name) => {
    expect(problemsOf({}, detailRows(['ok', name]))).toEqual([
      expect.objectContaining({ field: 'column_name', message: expect.stringContaining(`found '${name}'`) }),
    ]);
  });

  it('names a column listed twice', () => {
    expect(problemsOf({}, detailRows(['id', 'ID']))[0]?.message).toBe(
      "rule 4 column_name: column 'ID' appears twice (detail 101)",
    );
  });

  it('names a CSV delimiter longer than one character', () => {
    expect(problemsOf({ csv_quote: '"', delimiter: ',,' })).toEqual([
      {
        sid: 4,
        field: 'delimiter',
        message: "rule 4 delimiter: expected a single character (or '\\t') for a csv rule, found ',,'",
      },
    ]);
  });

  it.each([
    ['header_flag', { header_flag: 'y' }],
    ['trailer_flag', { trailer_flag: 'Yes' }],
    ['split_file_flag', { split_file_flag: '' }],
    ['accept_any_date', { accept_any_date: 'X' }],
  ] as const)('names the flag %s that is not Y or N', (field, overrides) => {
    expect(problemsOf(overrides)).toEqual([
      expect.objectContaining({ field, message: expect.stringContaining("expected 'Y' or 'N'") }),
    ]);
  });

  it.each([0, -1])('names output_parts %i', (parts) => {
    expect(problemsOf({ output_parts: parts })).toEqual([
      {
        sid: 4,
        field: 'output_parts',
        message: `rule 4 output_parts: expected a whole number >= 1, found '${parts}'`,
      },
    ]);
  });

  it('names a file_prefix whose token no file name can have', () => {
    expect(problemsOf({ file_prefix: 'PA_527.' })).toEqual([
      expect.objectContaining({ field: 'file_prefix' }),
    ]);
    expect(problemsOf({ file_prefix: '527' })).toEqual([expect.objectContaining({ field: 'file_prefix' })]);
  });

  it('names a header check without a header', () => {
    expect(problemsOf({ check_header_flag: 'Y' })).toEqual([
      expect.objectContaining({ field: 'check_header_flag' }),
    ]);
  });

  it('reports every problem of a row at once', () => {
    expect(problemsOf({ file_format: 'xls', header_flag: 'x', output_parts: 0 }).map((p) => p.field)).toEqual(
      ['file_format', 'header_flag', 'output_parts'],
    );
  });
});

describe('duplicate_policy and resend_policy', () => {
  it('reads both policies onto the rule, and null as today’s behaviour (absent)', () => {
    const rule = parseRule(
      configRow({ duplicate_policy: 'skip', resend_policy: 'Replace' }),
      iface,
      sevenColumns,
    );
    expect(rule).toMatchObject({ duplicates: 'skip', resend: 'replace' });
    const plain = parseRule(configRow(), iface, sevenColumns);
    expect(plain.duplicates).toBeUndefined();
    expect(plain.resend).toBeUndefined();
  });

  it('names the rule and column of an unknown policy value', () => {
    expect(problemsOf({ duplicate_policy: 'ignore', resend_policy: 'overwrite' })).toEqual([
      {
        sid: 4,
        field: 'duplicate_policy',
        message: "rule 4 duplicate_policy: expected one of 'warn', 'skip', 'load' or null, found 'ignore'",
      },
      {
        sid: 4,
        field: 'resend_policy',
        message:
          "rule 4 resend_policy: expected one of 'append', 'replace', 'reject' or null, found 'overwrite'",
      },
    ]);
  });

  it('refuses replace on a split parent, which has no rows of its own to replace', () => {
    const split = {
      split_file_flag: 'Y',
      split_prefix: 'H1,D1',
      tgt_schema_name: null,
      tgt_table_name: null,
    };
    expect(problemsOf({ ...split, resend_policy: 'replace' }, [])).toEqual([
      {
        sid: 4,
        field: 'resend_policy',
        message:
          "rule 4 resend_policy: expected null on a split parent, which has no rows to replace (set it on its parts' rules), found 'replace'",
      },
    ]);
  });
});
