// One builder for every COPY Ferry sends: the original's eight variants plus CSV, JSON and Parquet, in a fixed order.

import { ConfigError } from '../errors.js';
import { lineNumberWidth } from '../ingest/line-numbers.js';
import { type Compression, headerRows, type Rule } from '../rules/rule.js';
import { checkCopyOptions } from './copy-options.js';
import { copyOptionLiteral, copyUrlLiteral, qualifiedName, quoteIdentifier } from './sql-text.js';

export interface CopyInput {
  rule: Rule;
  /** An unqualified (temporary) table name, or a schema-qualified target. */
  table: string | { schema: string; table: string };
  /** Column names in file order; the rule's columns when omitted. */
  columns?: readonly string[];
  /** `s3://bucket/key` of the manifest listing the objects to load. */
  manifestUrl: string;
  /** Role ARN (or comma-separated chain of ARNs), or `default` for the cluster's default role. */
  iamRole: string;
  region?: string;
  /** How the objects named in the manifest are compressed (the prepared copy, not necessarily the original). */
  compression: Compression;
  /** The objects still start with a header line. */
  hasHeader: boolean;
}

const compressionKeywords: Record<Compression, string | undefined> = {
  none: undefined,
  gzip: 'GZIP',
  bzip2: 'BZIP2',
  lzop: 'LZOP',
  zstd: 'ZSTD',
};

const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/;
const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// Any key S3 allows: copyUrlLiteral keeps backslashes (which this pattern once refused, so such a file never loaded).
const s3UrlPattern = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/;

function iamRoleClause(iamRole: string): string {
  if (iamRole === 'default') return 'IAM_ROLE default';
  const roles = iamRole.split(',');
  for (const role of roles) {
    if (!roleArnPattern.test(role)) {
      throw new ConfigError(`expected an IAM role ARN or 'default', found ${JSON.stringify(role)}`, {
        field: 'iam_role',
      });
    }
  }
  return `IAM_ROLE ${copyOptionLiteral(iamRole)}`;
}

function targetName(input: CopyInput): string {
  const { table, rule } = input;
  return typeof table === 'string'
    ? quoteIdentifier(table, { sid: rule.id, field: 'tgt_table_name' })
    : qualifiedName(table.schema, table.table, rule.id);
}

function formatClauses(rule: Rule, manifestUrl: string): string[] {
  const lit = (value: string, field: string) => copyOptionLiteral(value, { sid: rule.id, field });
  switch (rule.layout) {
    case 'delimited':
      return rule.delimiter === undefined ? [] : [`DELIMITER AS ${lit(rule.delimiter, 'delimiter')}`];
    case 'csv':
      return [
        `CSV QUOTE AS ${lit(rule.quote ?? '"', 'csv_quote')}`,
        ...(rule.delimiter === undefined ? [] : [`DELIMITER AS ${lit(rule.delimiter, 'delimiter')}`]),
      ];
    case 'fixed_width': {
      const lineage = rule.lineage ? [`${rule.lineage.lineColumn}:${lineNumberWidth}`] : [];
      const widths = rule.columns.map((column) => `${column.name.toLowerCase()}:${column.width}`);
      const spec = [...lineage, ...widths].join(',');
      return [`FIXEDWIDTH ${lit(spec, 'column_width_fixed')}`];
    }
    case 'json':
      return [`JSON ${lit(jsonPathsUrl(rule, manifestUrl) ?? 'auto', 'json_paths')}`];
    case 'parquet':
      return ['FORMAT AS PARQUET'];
  }
}

/** A JSONPaths file given as a key lives in the bucket the manifest is in (Ferry's bucket). */
function jsonPathsUrl(rule: Rule, manifestUrl: string): string | undefined {
  if (rule.jsonPaths === undefined || rule.jsonPaths.startsWith('s3://')) return rule.jsonPaths;
  const bucket = manifestUrl.slice('s3://'.length).split('/')[0];
  return `s3://${bucket}/${rule.jsonPaths}`;
}

/**
 * ACCEPTINVCHARS [AS] 'c': the original always sent it bare
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html#copy-acceptinvchars).
 */
function acceptInvCharsClause(rule: Rule): string | false {
  if (!rule.acceptInvChars) return false;
  const { replacement } = rule.acceptInvChars;
  return replacement === undefined
    ? 'ACCEPTINVCHARS'
    : `ACCEPTINVCHARS AS ${copyOptionLiteral(replacement, { sid: rule.id, field: 'inv_char_replacement' })}`;
}

/** Conversion and error options; Parquet takes almost none of them (see checkCopyOptions). */
function conversionClauses(rule: Rule, hasHeader: boolean): string[] {
  if (rule.layout === 'parquet') {
    const clause = acceptInvCharsClause(rule);
    return clause ? [clause] : [];
  }
  const lit = (value: string, field: string) => copyOptionLiteral(value, { sid: rule.id, field });
  const textual = rule.layout !== 'json';
  const clauses: Array<string | false> = [
    // CSV removes quotation marks itself and refuses REMOVEQUOTES and ESCAPE
    // (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-csv).
    rule.escapeChar !== undefined && rule.layout !== 'csv' && 'REMOVEQUOTES',
    rule.backslashEscape && 'ESCAPE',
    textual && hasHeader && headerRows(rule) > 0 && `IGNOREHEADER ${headerRows(rule)}`,
    textual && 'IGNOREBLANKLINES',
    rule.fillRecord && 'FILLRECORD',
    rule.nullAs !== undefined && `NULL AS ${lit(rule.nullAs, 'null_as')}`,
    rule.emptyAsNull && 'EMPTYASNULL',
    rule.blanksAsNull && 'BLANKSASNULL',
    rule.truncateColumns && 'TRUNCATECOLUMNS',
    rule.trimBlanks && 'TRIMBLANKS',
    rule.roundDecimals && 'ROUNDEC',
    `DATEFORMAT ${lit(rule.dateFormat, 'date_format')}`,
    `TIMEFORMAT ${lit(rule.timeFormat, 'time_format')}`,
    acceptInvCharsClause(rule),
    rule.acceptAnyDate && 'ACCEPTANYDATE',
    rule.maxErrors !== undefined && `MAXERROR ${rule.maxErrors}`,
    // COPY loads a stage that is dropped after the INSERT: on an empty table Redshift would otherwise analyse
    // compression and update statistics, work thrown away with the stage.
    'COMPUPDATE OFF',
    'STATUPDATE OFF',
  ];
  return clauses.filter((clause): clause is string => clause !== false);
}

/**
 * One COPY statement on one line, options always in the same order:
 * target (columns) FROM manifest IAM_ROLE, format, conversions, REGION, compression, MANIFEST.
 */
export function buildCopy(input: CopyInput): string {
  const { rule } = input;
  checkCopyOptions(rule);
  if (!s3UrlPattern.test(input.manifestUrl)) {
    throw new ConfigError(
      `expected the manifest as s3://bucket/key, found ${JSON.stringify(input.manifestUrl)}`,
    );
  }
  if (input.region !== undefined && !regionPattern.test(input.region)) {
    throw new ConfigError(`expected an AWS region such as us-east-1, found ${JSON.stringify(input.region)}`, {
      field: 'region',
    });
  }
  const parquet = rule.layout === 'parquet';
  if (parquet && input.compression !== 'none') {
    throw new ConfigError(`rule ${rule.id}: Parquet objects cannot be loaded with ${input.compression}`, {
      sid: rule.id,
      field: 'file_format',
    });
  }
  const names = input.columns ?? rule.columns.map((column) => column.name);
  // Columnar COPY maps columns by position and takes no column list; the stage holds exactly these columns.
  const columnList = parquet
    ? ''
    : ` (${names.map((name) => quoteIdentifier(name, { sid: rule.id, field: 'column_name' })).join(', ')})`;
  const parts = [
    `COPY ${targetName(input)}${columnList}`,
    `FROM ${copyUrlLiteral(input.manifestUrl)}`,
    iamRoleClause(input.iamRole),
    ...formatClauses(rule, input.manifestUrl),
    ...conversionClauses(rule, input.hasHeader),
    // Columnar COPY refuses REGION; the bucket must be in the cluster's region anyway.
    ...(input.region !== undefined && !parquet ? [`REGION ${copyOptionLiteral(input.region)}`] : []),
    ...(compressionKeywords[input.compression] ? [compressionKeywords[input.compression]!] : []),
    'MANIFEST',
  ];
  return parts.join(' ');
}
