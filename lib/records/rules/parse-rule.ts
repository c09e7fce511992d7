// Turns one config row, its interface and its detail rows into a validated Rule, or ConfigErrors naming sid and field.
import picomatch from 'picomatch';
import type { ConfigError } from '../../core/errors.js';
import { isIdentifier, maxIdentifierBytes } from '../../core/rules/identifier.js';
import {
  present,
  readCount,
  readFlag,
  readSplitCodes,
  readTrailerPosition,
} from '../../core/rules/read-fields.js';
import { type FileFormat, fileFormats, type Layout, type Rule } from '../../core/rules/rule.js';
import { RuleProblems } from '../../core/rules/rule-problems.js';
import type { FileConfigRow, InterfaceRow } from '../tables.js';
import { type DetailRow, readColumns } from './read-columns.js';
import { readContentPolicies } from './read-content-policies.js';
import { readControlTotals, readLineage } from './read-contract-totals.js';
import { readArrivalContract, readSequenceContract } from './read-contracts.js';
import { compressionOf, readCopyOptions } from './read-copy-options.js';

export type InterfaceFields = Pick<InterfaceRow, 'ext_interface_cid' | 'interface_name'>;

/** The validated rule, or throws the first ConfigError of the row. */
export function parseRule(
  config: FileConfigRow,
  iface: InterfaceFields,
  details: readonly DetailRow[],
): Rule {
  const { rule, problems } = inspectRule(config, iface, details);
  if (problems[0]) throw problems[0];
  return rule!;
}

/** Every problem of the row (for `ferry check`), and the rule when there are none. */
export function inspectRule(
  config: FileConfigRow,
  iface: InterfaceFields,
  details: readonly DetailRow[],
): { rule?: Rule; problems: ConfigError[] } {
  const problems = new RuleProblems(config.ext_file_config_sid);
  const format = readFormat(problems, config.file_format);
  const split = readFlag(problems, 'split_file_flag', config.split_file_flag);
  const fixedWidth = format === 'fixed_width';
  const layout = layoutOf(format, present(config.csv_quote));
  const copyOptions = readCopyOptions(problems, config, format);
  const columns = readColumns(problems, details, fixedWidth);
  if (!split && columns.length === 0) {
    problems.add(
      'ext_file_config_dtl',
      'expected at least one active column for a rule that loads, found none',
    );
  }
  const header = readFlag(problems, 'header_flag', config.header_flag);
  const checkHeader = readFlag(problems, 'check_header_flag', config.check_header_flag, false);
  if (checkHeader && !header)
    problems.add('check_header_flag', "is 'Y' but header_flag is not 'Y': there is no header to check");
  const rule: Rule = {
    id: config.ext_file_config_sid,
    interfaceId: String(iface.ext_interface_cid),
    interfaceName: iface.interface_name,
    ...readTarget(problems, config, split),
    token: readToken(problems, config),
    pattern: readPattern(problems, present(config.file_pattern)),
    format: format ?? 'txt',
    fileType: readFileType(problems, config.file_type),
    layout,
    delimiter: readDelimiter(problems, config.delimiter, layout),
    quote: present(config.csv_quote),
    escapeChar: present(config.escape_char),
    header,
    checkHeader,
    trailer: readFlag(problems, 'trailer_flag', config.trailer_flag)
      ? readTrailerPosition(problems, config.trailer_pstn)
      : undefined,
    split: split ? readSplit(problems, config.split_prefix) : undefined,
    postLoadSql: present(config.query),
    columns,
    minSizeBytes: readCount(problems, 'min_size_bytes', config.min_size_bytes, 0),
    maxErrors: readCount(problems, 'max_errors', config.max_errors, 0),
    maxExpansionRatio: readCount(problems, 'max_expansion_ratio', config.max_expansion_ratio, 1),
    nullAs: config.null_as ?? undefined,
    emptyAsNull: readFlag(problems, 'empty_as_null', config.empty_as_null, false),
    blanksAsNull: readFlag(problems, 'blanks_as_null', config.blanks_as_null, false),
    truncateColumns: readFlag(problems, 'truncate_columns', config.truncate_columns, false),
    acceptAnyDate: readFlag(problems, 'accept_any_date', config.accept_any_date, true),
    dateFormat: present(config.date_format) ?? 'auto',
    timeFormat: present(config.time_format) ?? 'auto',
    output: {
      compression: readOutputCompression(problems, config.output_compression),
      parts: readCount(problems, 'output_parts', config.output_parts, 1) ?? 1,
    },
    ...copyOptions,
    ...readContentPolicies(problems, config, split),
  };
  if (fixedWidth && rule.quote !== undefined)
    problems.add('csv_quote', 'is set on a fixed_width rule, which has no quoting');
  checkCompressedType(problems, rule);
  const sequence = readSequenceContract(problems, config, rule);
  if (sequence) rule.sequence = sequence;
  const arrival = readArrivalContract(problems, config);
  if (arrival) rule.arrival = arrival;
  const controlTotals = readControlTotals(problems, config, rule);
  if (controlTotals) rule.controlTotals = controlTotals;
  const lineage = readLineage(problems, config, rule);
  if (lineage) rule.lineage = lineage;
  return problems.errors.length > 0 ? { problems: problems.errors } : { rule, problems: [] };
}

/** The compression comes from file_format; a compressed file_type under a plain format would be loaded as text. */
function checkCompressedType(problems: RuleProblems, rule: Rule): void {
  const named = compressionOf[rule.fileType as FileFormat];
  if (named === undefined || rule.compression !== 'none') return;
  const csv = rule.layout === 'csv' ? " (a gzip CSV is file_format 'gz' with csv_quote '\"')" : '';
  problems.add(
    'file_format',
    `file_type '${rule.fileType}' is a ${named} file but file_format '${rule.format}' loads it uncompressed: ` +
      `expected file_format '${rule.fileType}'${csv} or input_compression '${named}'`,
  );
}

function readSplit(problems: RuleProblems, value: string | null): Rule['split'] {
  const codes = readSplitCodes(problems, value);
  return codes && { codes };
}

function readFormat(problems: RuleProblems, value: string): FileFormat | undefined {
  if ((fileFormats as readonly string[]).includes(value)) return value as FileFormat;
  problems.expected('file_format', `one of ${fileFormats.join(', ')}`, value);
  return undefined;
}

// file_format 'csv' is CSV with or without csv_quote (COPY's default quote is '"'); a csv_quote makes any text CSV.
function layoutOf(format: FileFormat | undefined, quote: string | undefined): Layout {
  if (format === 'fixed_width' || format === 'json' || format === 'parquet' || format === 'csv')
    return format;
  return quote === undefined ? 'delimited' : 'csv';
}

function readTarget(problems: RuleProblems, config: FileConfigRow, split: boolean): Pick<Rule, 'target'> {
  const schema = present(config.tgt_schema_name);
  const table = present(config.tgt_table_name);
  // A split parent is cut into parts that match their own rules; it is never loaded, so it may have no target.
  if (split && schema === undefined && table === undefined) return {};
  const shape = `an identifier [A-Za-z_][A-Za-z0-9_$]* of at most ${maxIdentifierBytes} bytes`;
  if (schema === undefined || !isIdentifier(schema))
    problems.expected('tgt_schema_name', shape, config.tgt_schema_name);
  if (table === undefined || !isIdentifier(table))
    problems.expected('tgt_table_name', shape, config.tgt_table_name);
  return { target: { schema: schema ?? '', table: table ?? '' } };
}

function readToken(problems: RuleProblems, config: FileConfigRow): string {
  const prefix = config.file_prefix;
  const token = prefix.endsWith('.') ? prefix.slice(0, -1) : prefix;
  // Files match on `<token>.`, and a file's token is cut at its first '.' and after its last '_':
  // a prefix without the dot, or a token holding '.', '_' or '/', can never match (unless a glob is set).
  if (present(config.file_pattern) === undefined && (!prefix.endsWith('.') || !/^[^._/]+$/.test(token))) {
    problems.expected(
      'file_prefix',
      "a token followed by '.', with no '.', '_' or '/' in the token (e.g. '527.')",
      prefix,
    );
  }
  return token;
}

function readPattern(problems: RuleProblems, pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  if (pattern.includes('/')) {
    problems.expected('file_pattern', "a glob over the file's base name, without '/'", pattern);
    return undefined;
  }
  try {
    picomatch(pattern);
    return pattern;
  } catch (error) {
    problems.add('file_pattern', `'${pattern}' is not a valid glob: ${(error as Error).message}`);
    return undefined;
  }
}

function readFileType(problems: RuleProblems, value: string): string {
  if (value.trim() === '' || value.includes('.'))
    problems.expected('file_type', "the file's last extension without dots (e.g. 'txt')", value);
  return value;
}

// Redshift's DELIMITER is one character; '\t' is the usual way config scripts write a tab.
function readDelimiter(problems: RuleProblems, value: string | null, layout: Layout): string | undefined {
  if (value === null || value === '' || (layout !== 'delimited' && layout !== 'csv')) return undefined;
  if (value === '\\t') return '\t';
  if ([...value].length === 1) return value;
  problems.expected('delimiter', `a single character (or '\\t') for a ${layout} rule`, value);
  return undefined;
}

function readOutputCompression(problems: RuleProblems, value: string | null): 'none' | 'gzip' {
  if (value === null || value === 'none' || value === 'gzip') return value === 'gzip' ? 'gzip' : 'none';
  problems.expected('output_compression', "'gzip', 'none' or null", value);
  return 'none';
}
