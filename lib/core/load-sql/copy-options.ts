// Which COPY options a rule asks for that Redshift refuses together: found before anything is submitted.

import { ConfigError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { copyOptionLiteral, qualifiedName, quoteIdentifier } from './sql-text.js';

/** Columns Ferry fills itself on every loaded row; a rule must not load them from the file. */
export const stampColumns = ['file_name', 'target_transaction_timestamp'] as const;

/** Redshift's upper bound for MAXERROR. */
export const maxErrorLimit = 100_000;

type Check = (rule: Rule, problem: (field: string, message: string) => void) => void;

function tryQuote(
  problem: (field: string, message: string) => void,
  field: string,
  quote: () => unknown,
): void {
  try {
    quote();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problem(field, error.message);
  }
}

const checkNames: Check = (rule, problem) => {
  if (rule.target) {
    const { schema, table } = rule.target;
    tryQuote(problem, 'tgt_table_name', () => qualifiedName(schema, table, rule.id));
  } else
    problem('tgt_table_name', 'expected a target table to load, found none (a split parent is never loaded)');
  if (rule.columns.length === 0) problem('ext_file_config_dtl', 'expected at least one column, found none');
  const seen = new Set<string>();
  for (const column of rule.columns) {
    tryQuote(problem, 'column_name', () => quoteIdentifier(column.name));
    const folded = column.name.toLowerCase();
    if (seen.has(folded))
      problem('column_name', `expected distinct column names, found ${column.name} twice`);
    seen.add(folded);
    if ((stampColumns as readonly string[]).includes(folded)) {
      problem(
        'column_name',
        `expected data columns only, found ${folded}, which Ferry fills on every row itself`,
      );
    }
  }
};

const checkValues: Check = (rule, problem) => {
  const literals: Array<[string, string | undefined]> = [
    ['delimiter', rule.delimiter],
    ['csv_quote', rule.quote],
    ['null_as', rule.nullAs],
    ['date_format', rule.dateFormat],
    ['time_format', rule.timeFormat],
    ['inv_char_replacement', rule.acceptInvChars ? rule.acceptInvChars.replacement : undefined],
    ['json_paths', rule.jsonPaths],
  ];
  for (const [field, value] of literals) {
    if (value === undefined) continue;
    if (value.length === 0) problem(field, 'expected a non-empty value, found an empty string');
    else tryQuote(problem, field, () => copyOptionLiteral(value));
  }
  const { maxErrors } = rule;
  if (
    maxErrors !== undefined &&
    (!Number.isInteger(maxErrors) || maxErrors < 0 || maxErrors > maxErrorLimit)
  ) {
    problem('max_errors', `expected an integer from 0 to ${maxErrorLimit}, found ${maxErrors}`);
  }
};

const checkLayout: Check = (rule, problem) => {
  const { layout } = rule;
  const refuse = (field: string, option: string) =>
    problem(field, `COPY cannot combine ${option} with the ${layout} layout (file_format ${rule.format})`);
  if (layout !== 'csv' && rule.quote !== undefined) refuse('csv_quote', 'QUOTE AS');
  if (layout === 'csv') {
    // escape_char means REMOVEQUOTES, which CSV refuses; a CSV load removes the quotation marks itself, so an
    // original csv row with escape_char loads as CSV (buildCopy leaves REMOVEQUOTES out).
    if (rule.quote !== undefined && [...rule.quote].length !== 1) {
      problem('csv_quote', `expected one quote character, found ${JSON.stringify(rule.quote)}`);
    }
    if (rule.quote !== undefined && rule.quote === rule.delimiter) {
      problem(
        'csv_quote',
        `expected a quote character different from the delimiter, found ${rule.quote} for both`,
      );
    }
  }
  if (layout === 'fixed_width') {
    if (rule.delimiter !== undefined) refuse('delimiter', 'DELIMITER');
    for (const column of rule.columns) {
      if (column.width === undefined || !Number.isInteger(column.width) || column.width <= 0) {
        problem(
          'column_width_fixed',
          `expected a positive width for column ${column.name}, found ${column.width}`,
        );
      }
    }
  }
  if (layout === 'json' || layout === 'parquet') {
    if (rule.delimiter !== undefined) refuse('delimiter', 'DELIMITER');
    if (rule.escapeChar !== undefined) refuse('escape_char', 'REMOVEQUOTES (escape_char)');
    if (rule.header) refuse('header_flag', 'IGNOREHEADER');
    if (rule.nullAs !== undefined) refuse('null_as', 'NULL AS');
  }
};

/** Parquet takes almost no COPY options: no data conversion, no MAXERROR, no compression keyword, no REGION. */
const checkParquet: Check = (rule, problem) => {
  if (rule.layout !== 'parquet') return;
  const refuse = (field: string, option: string) =>
    problem(field, `COPY cannot combine ${option} with FORMAT AS PARQUET`);
  if (rule.maxErrors !== undefined) refuse('max_errors', 'MAXERROR');
  if (rule.emptyAsNull) refuse('empty_as_null', 'EMPTYASNULL');
  if (rule.blanksAsNull) refuse('blanks_as_null', 'BLANKSASNULL');
  if (rule.truncateColumns) refuse('truncate_columns', 'TRUNCATECOLUMNS');
  if (rule.dateFormat.toLowerCase() !== 'auto') refuse('date_format', 'DATEFORMAT');
  if (rule.timeFormat.toLowerCase() !== 'auto') refuse('time_format', 'TIMEFORMAT');
  if (rule.compression !== 'none') refuse('file_format', rule.compression.toUpperCase());
  if (rule.output.compression !== 'none') refuse('output_compression', 'GZIP');
  if (rule.trailer) refuse('trailer_flag', 'a trailer line');
  if (rule.split) refuse('split_file_flag', 'splitting by record type');
};

const textLayouts: readonly string[] = ['delimited', 'csv', 'fixed_width'];

/**
 * The options of migration 2026-12-02-013, where Redshift or Ferry cannot take them
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html).
 */
const checkExtraOptions: Check = (rule, problem) => {
  const { layout } = rule;
  const refuse = (field: string, option: string) =>
    problem(field, `COPY cannot combine ${option} with the ${layout} layout (file_format ${rule.format})`);
  // CSV refuses ESCAPE; the stand-in reads backslash escapes in delimited text only, so Ferry offers no more.
  if (rule.backslashEscape && layout !== 'delimited') refuse('backslash_escape', 'ESCAPE');
  // Parts are cut at line feeds, and with ESCAPE a line feed after a backslash is data inside a record.
  if (rule.backslashEscape && rule.output.parts > 1) {
    problem(
      'backslash_escape',
      'expected output_parts 1 with ESCAPE: a part could end inside an escaped line feed',
    );
  }
  if (rule.fillRecord && !textLayouts.includes(layout)) refuse('fill_record', 'FILLRECORD');
  if (layout === 'parquet') {
    if (rule.trimBlanks) refuse('trim_blanks', 'TRIMBLANKS');
    if (rule.roundDecimals) refuse('round_decimals', 'ROUNDEC');
  }
  if (rule.jsonPaths !== undefined && layout !== 'json') refuse('json_paths', 'a JSONPaths file');
  if (rule.jsonPaths !== undefined && !jsonPathsShape.test(rule.jsonPaths)) {
    problem(
      'json_paths',
      `expected s3://bucket/key or a key in Ferry's bucket, found ${JSON.stringify(rule.jsonPaths)}`,
    );
  }
  checkHeaderRows(rule, problem, refuse);
};

const jsonPathsShape = /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/)?[^/\\'\s][^\\'\n\r]*$/;

/** IGNOREHEADER n: text layouts only; Ferry's own reading (trailer, split, parts, header check) knows one header line. */
function checkHeaderRows(
  rule: Rule,
  problem: (field: string, message: string) => void,
  refuse: (field: string, option: string) => void,
): void {
  const rows = rule.ignoreHeaderRows;
  if (rows === undefined) return;
  if (!textLayouts.includes(rule.layout)) refuse('ignore_header_rows', 'IGNOREHEADER');
  if (rule.header && rows === 0) {
    problem('ignore_header_rows', "is 0 but header_flag is 'Y': the header line would load as data");
  }
  if (rows === (rule.header ? 1 : 0)) return;
  const prepared =
    (rule.trailer && 'trailer_flag') ||
    (rule.split && 'split_file_flag') ||
    (rule.output.parts > 1 && 'output_parts') ||
    (rule.output.compression !== 'none' && 'output_compression') ||
    (rule.checkHeader && 'check_header_flag');
  if (prepared) {
    problem(
      'ignore_header_rows',
      `expected ignore_header_rows only on a rule whose file is loaded as it is, found it with ${prepared}: ` +
        "Ferry's own reading skips header_flag's one line, not IGNOREHEADER's",
    );
  }
}

const checks: readonly Check[] = [checkNames, checkValues, checkLayout, checkParquet, checkExtraOptions];

/** Every problem with the rule's COPY options, for `ferry check` to list at once. */
export function findCopyOptionProblems(rule: Rule): ConfigError[] {
  const problems: ConfigError[] = [];
  for (const check of checks) {
    check(rule, (field, message) =>
      problems.push(new ConfigError(`rule ${rule.id}: ${message}`, { sid: rule.id, field })),
    );
  }
  return problems;
}

/** The rule's target, or the config error a rule without one (a split parent) deserves. */
export function requireTarget(rule: Rule): { schema: string; table: string } {
  if (!rule.target) {
    throw new ConfigError(`rule ${rule.id}: expected a target table to load, found none`, {
      sid: rule.id,
      field: 'tgt_table_name',
    });
  }
  return rule.target;
}

/** Throws the first problem: the pipeline calls this before it prepares or submits anything. */
export function checkCopyOptions(rule: Rule): void {
  const [first] = findCopyOptionProblems(rule);
  if (first) throw first;
}
