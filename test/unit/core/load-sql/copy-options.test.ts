import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import { buildCopy } from '../../../../lib/core/load-sql/build-copy.js';
import { checkCopyOptions, findCopyOptionProblems } from '../../../../lib/core/load-sql/copy-options.js';
import type { Rule } from '../../../../lib/core/rules/rule.js';
import { accountRule, copyTarget, flavorLoadRule, hospitalRule } from '../../../support/sample-rules.js';

const parquet = (overrides: Partial<Rule> = {}) =>
  flavorLoadRule({
    format: 'parquet',
    fileType: 'parquet',
    layout: 'parquet',
    delimiter: undefined,
    trailer: undefined,
    ...overrides,
  });
const json = (overrides: Partial<Rule> = {}) =>
  flavorLoadRule({ format: 'json', fileType: 'json', layout: 'json', delimiter: undefined, ...overrides });

const conflicts: Array<[string, Rule, string, string]> = [
  [
    'FIXEDWIDTH with DELIMITER',
    accountRule({ delimiter: '|' }),
    'delimiter',
    'DELIMITER with the fixed_width layout',
  ],
  ['FIXEDWIDTH with QUOTE', accountRule({ quote: '"' }), 'csv_quote', 'QUOTE AS with the fixed_width layout'],
  [
    'FIXEDWIDTH without a width',
    accountRule({ columns: [{ name: 'acct_no', width: 10 }, { name: 'acct_name' }] }),
    'column_width_fixed',
    'positive width for column acct_name, found undefined',
  ],
  [
    'FIXEDWIDTH with a zero width',
    accountRule({ columns: [{ name: 'acct_no', width: 0 }] }),
    'column_width_fixed',
    'found 0',
  ],
  ['CSV with ESCAPE', hospitalRule({ backslashEscape: true }), 'backslash_escape', 'ESCAPE with the csv'],
  [
    'fixed width with ESCAPE',
    accountRule({ backslashEscape: true }),
    'backslash_escape',
    'ESCAPE with the fixed_width',
  ],
  [
    'ESCAPE cut into parts',
    flavorLoadRule({ backslashEscape: true, output: { compression: 'none', parts: 2 } }),
    'backslash_escape',
    'expected output_parts 1 with ESCAPE',
  ],
  ['JSON with FILLRECORD', json({ fillRecord: true }), 'fill_record', 'FILLRECORD with the json layout'],
  [
    'JSON with IGNOREHEADER n',
    json({ ignoreHeaderRows: 2 }),
    'ignore_header_rows',
    'IGNOREHEADER with the json',
  ],
  ['PARQUET with TRIMBLANKS', parquet({ trimBlanks: true }), 'trim_blanks', 'TRIMBLANKS with the parquet'],
  ['PARQUET with ROUNDEC', parquet({ roundDecimals: true }), 'round_decimals', 'ROUNDEC with the parquet'],
  ['PARQUET with ZSTD', parquet({ compression: 'zstd' }), 'file_format', 'ZSTD with FORMAT AS PARQUET'],
  [
    'a JSONPaths file on a text rule',
    flavorLoadRule({ jsonPaths: 'p.json' }),
    'json_paths',
    'a JSONPaths file',
  ],
  ['a JSONPaths file with a quote', json({ jsonPaths: "p'.json" }), 'json_paths', 'expected s3://bucket/key'],
  [
    'IGNOREHEADER 0 with a header',
    flavorLoadRule({ header: true, trailer: undefined, ignoreHeaderRows: 0 }),
    'ignore_header_rows',
    'the header line would load as data',
  ],
  [
    'IGNOREHEADER 2 with a trailer to strip',
    flavorLoadRule({ ignoreHeaderRows: 2 }),
    'ignore_header_rows',
    'found it with trailer_flag',
  ],
  [
    'IGNOREHEADER 2 cut into parts',
    flavorLoadRule({ trailer: undefined, ignoreHeaderRows: 2, output: { compression: 'none', parts: 2 } }),
    'ignore_header_rows',
    'found it with output_parts',
  ],
  [
    'an ACCEPTINVCHARS replacement of a quote',
    flavorLoadRule({ acceptInvChars: { replacement: '' } }),
    'inv_char_replacement',
    'non-empty',
  ],
  [
    'CSV quote equal to the delimiter',
    hospitalRule({ quote: ',' }),
    'csv_quote',
    'different from the delimiter',
  ],
  ['CSV quote of two characters', hospitalRule({ quote: '""' }), 'csv_quote', 'one quote character'],
  ['QUOTE AS without CSV', flavorLoadRule({ quote: '"' }), 'csv_quote', 'QUOTE AS with the delimited layout'],
  ['JSON with DELIMITER', json({ delimiter: '|' }), 'delimiter', 'DELIMITER with the json layout'],
  ['JSON with IGNOREHEADER', json({ header: true }), 'header_flag', 'IGNOREHEADER with the json layout'],
  ['JSON with NULL AS', json({ nullAs: 'NULL' }), 'null_as', 'NULL AS with the json layout'],
  ['JSON with REMOVEQUOTES', json({ escapeChar: '\\' }), 'escape_char', 'REMOVEQUOTES'],
  [
    'PARQUET with IGNOREHEADER',
    parquet({ header: true }),
    'header_flag',
    'IGNOREHEADER with the parquet layout',
  ],
  ['PARQUET with DELIMITER', parquet({ delimiter: ',' }), 'delimiter', 'DELIMITER with the parquet layout'],
  ['PARQUET with MAXERROR', parquet({ maxErrors: 5 }), 'max_errors', 'MAXERROR with FORMAT AS PARQUET'],
  ['PARQUET with EMPTYASNULL', parquet({ emptyAsNull: true }), 'empty_as_null', 'EMPTYASNULL'],
  ['PARQUET with BLANKSASNULL', parquet({ blanksAsNull: true }), 'blanks_as_null', 'BLANKSASNULL'],
  ['PARQUET with TRUNCATECOLUMNS', parquet({ truncateColumns: true }), 'truncate_columns', 'TRUNCATECOLUMNS'],
  ['PARQUET with DATEFORMAT', parquet({ dateFormat: 'YYYY-MM-DD' }), 'date_format', 'DATEFORMAT'],
  ['PARQUET with TIMEFORMAT', parquet({ timeFormat: 'epochsecs' }), 'time_format', 'TIMEFORMAT'],
  ['PARQUET with GZIP', parquet({ compression: 'gzip' }), 'file_format', 'GZIP with FORMAT AS PARQUET'],
  [
    'PARQUET with gzip output',
    parquet({ output: { compression: 'gzip', parts: 1 } }),
    'output_compression',
    'GZIP',
  ],
  ['PARQUET with a trailer', parquet({ trailer: { start: 4, end: 14 } }), 'trailer_flag', 'a trailer line'],
  ['PARQUET split by record type', parquet({ split: { codes: ['H1'] } }), 'split_file_flag', 'splitting'],
  [
    'MAXERROR above the limit',
    flavorLoadRule({ maxErrors: 100_001 }),
    'max_errors',
    'from 0 to 100000, found 100001',
  ],
  ['MAXERROR negative', flavorLoadRule({ maxErrors: -1 }), 'max_errors', 'found -1'],
  ['an empty delimiter', flavorLoadRule({ delimiter: '' }), 'delimiter', 'non-empty value'],
  ['a delimiter ending in a backslash', flavorLoadRule({ delimiter: '\\' }), 'delimiter', 'backslash'],
  ['a NULL AS with a line break', flavorLoadRule({ nullAs: 'a\nb' }), 'null_as', 'line break'],
  [
    'no target (split parent)',
    flavorLoadRule({ target: undefined }),
    'tgt_table_name',
    'a split parent is never loaded',
  ],
  [
    'a table named x; drop',
    flavorLoadRule({ target: { schema: 'rdsftetl', table: 'x; drop' } }),
    'tgt_table_name',
    'x; drop',
  ],
  ['a column named a"b', flavorLoadRule({ columns: [{ name: 'a"b' }] }), 'column_name', '"a\\"b"'],
  ['no columns', flavorLoadRule({ columns: [] }), 'ext_file_config_dtl', 'at least one column'],
  [
    'a duplicate column',
    flavorLoadRule({ columns: [{ name: 'a' }, { name: 'A' }] }),
    'column_name',
    'found A twice',
  ],
  [
    'a column Ferry stamps',
    flavorLoadRule({ columns: [{ name: 'file_name' }] }),
    'column_name',
    'Ferry fills',
  ],
];

describe('checkCopyOptions', () => {
  it.each(conflicts)('refuses %s as a config error on its field', (_name, rule, field, message) => {
    const problems = findCopyOptionProblems(rule);
    expect(problems.map((problem) => problem.field)).toContain(field);
    const problem = problems.find((candidate) => candidate.field === field)!;
    expect(problem).toBeInstanceOf(ConfigError);
    expect(problem.sid).toBe(rule.id);
    expect(problem.message).toContain(message);
    expect(() => checkCopyOptions(rule)).toThrow(ConfigError);
    // The pipeline's builder refuses the same rule before it produces any SQL.
    expect(() =>
      buildCopy({ rule, table: 'ferry_stage', compression: 'none', hasHeader: rule.header, ...copyTarget }),
    ).toThrow(ConfigError);
  });

  it('finds nothing wrong with the sample rules', () => {
    expect(findCopyOptionProblems(flavorLoadRule())).toEqual([]);
    expect(findCopyOptionProblems(hospitalRule())).toEqual([]);
    expect(findCopyOptionProblems(accountRule())).toEqual([]);
    expect(findCopyOptionProblems(parquet())).toEqual([]);
    expect(findCopyOptionProblems(json())).toEqual([]);
  });

  it('lists every problem of a rule at once for ferry check', () => {
    const problems = findCopyOptionProblems(accountRule({ delimiter: '|', quote: '"', maxErrors: -5 }));
    expect(problems.map((problem) => problem.field).sort()).toEqual(['csv_quote', 'delimiter', 'max_errors']);
  });
});

describe('buildCopy input checks', () => {
  const input = {
    rule: flavorLoadRule(),
    table: 'ferry_stage',
    compression: 'none',
    hasHeader: false,
    ...copyTarget,
  } as const;

  it('refuses a role that is not an IAM role ARN', () => {
    expect(() => buildCopy({ ...input, iamRole: "arn:aws:iam::123456789012:role/x' gzip" })).toThrow(
      'expected an IAM role ARN',
    );
  });

  it('accepts a chain of role ARNs', () => {
    const chained = `${copyTarget.iamRole},arn:aws:iam::210987654321:role/Other`;
    expect(buildCopy({ ...input, iamRole: chained })).toContain(`IAM_ROLE '${chained}'`);
  });

  it('refuses a region that is not a region name', () => {
    expect(() => buildCopy({ ...input, region: "us-east-1' gzip" })).toThrow('expected an AWS region');
  });

  it('refuses a manifest url that is not s3://bucket/key', () => {
    // A backslash is a key character now (copy-url-literal.test.ts); a line break is not.
    expect(() => buildCopy({ ...input, manifestUrl: "s3://bucket/x'\n; drop table t; --" })).toThrow(
      'expected the manifest as s3://bucket/key',
    );
    expect(() => buildCopy({ ...input, manifestUrl: 'https://example.com/m' })).toThrow('s3://bucket/key');
  });

  it('quotes a manifest key containing a quote so it stays one literal', () => {
    expect(buildCopy({ ...input, manifestUrl: "s3://ferry-bucket/processing/o'brien.manifest" })).toContain(
      "FROM 's3://ferry-bucket/processing/o''brien.manifest' IAM_ROLE",
    );
  });

  it('quotes a config delimiter that is a single quote instead of ending the literal', () => {
    expect(buildCopy({ ...input, rule: flavorLoadRule({ delimiter: "'" }) })).toContain(
      "DELIMITER AS '''' IGNOREBLANKLINES",
    );
  });

  it('refuses a compressed Parquet load', () => {
    expect(() => buildCopy({ ...input, rule: parquet(), compression: 'gzip' })).toThrow(
      'Parquet objects cannot be loaded with gzip',
    );
  });

  it('loads an original csv row with escape_char as CSV without REMOVEQUOTES, which CSV refuses', () => {
    const sql = buildCopy({ ...input, rule: hospitalRule({ quote: undefined, escapeChar: '\\' }) });
    expect(findCopyOptionProblems(hospitalRule({ quote: undefined, escapeChar: '\\' }))).toEqual([]);
    expect(sql).toContain(`CSV QUOTE AS '"'`);
    expect(sql).not.toContain('REMOVEQUOTES');
  });

  it('names a JSONPaths key as a file in the bucket of the manifest', () => {
    const rule = json({ trailer: undefined, jsonPaths: 'config/paths.json' });
    expect(buildCopy({ ...input, rule })).toContain("JSON 's3://ferry-bucket/config/paths.json'");
    const elsewhere = json({ trailer: undefined, jsonPaths: 's3://other-bucket/paths.json' });
    expect(buildCopy({ ...input, rule: elsewhere })).toContain("JSON 's3://other-bucket/paths.json'");
  });

  it('leaves ACCEPTINVCHARS out of a Parquet COPY when it is turned off', () => {
    expect(buildCopy({ ...input, rule: parquet({ acceptInvChars: false }) })).not.toContain('ACCEPTINVCHARS');
    expect(buildCopy({ ...input, rule: parquet() })).toContain('ACCEPTINVCHARS');
  });

  it('uses the given column names in place of the rule columns', () => {
    expect(buildCopy({ ...input, columns: ['Flavor_ID', 'flavor_code'] })).toMatch(
      /^COPY "ferry_stage" \("flavor_id", "flavor_code"\) FROM /,
    );
  });
});
