// The only place Ferry turns names and values into SQL text: validated, quoted identifiers and escaped literals.
import { ConfigError } from '../errors.js';

/** Where a bad name or value came from, so the error can name the config row and field. */
export interface SqlSource {
  sid?: number;
  field?: string;
}

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const maxIdentifierBytes = 127;

/**
 * A config name as a double-quoted identifier. Only plain names are accepted, so a name can never carry a
 * quote or a statement break. Folded to lower case because Redshift folds even quoted identifiers (unless
 * `enable_case_sensitive_identifier` is on); folding here keeps the PostgreSQL stand-in in agreement.
 */
export function quoteIdentifier(name: string, source: SqlSource = {}): string {
  if (!identifierPattern.test(name)) {
    throw new ConfigError(
      `expected an identifier of letters, digits, '_' or '$' not starting with a digit, found ${JSON.stringify(name)}`,
      source,
    );
  }
  if (Buffer.byteLength(name, 'utf8') > maxIdentifierBytes) {
    throw new ConfigError(
      `expected an identifier of at most ${maxIdentifierBytes} bytes, found ${Buffer.byteLength(name, 'utf8')} bytes`,
      source,
    );
  }
  return `"${name.toLowerCase()}"`;
}

export function qualifiedName(schema: string, table: string, sid?: number): string {
  return `${quoteIdentifier(schema, { sid, field: 'tgt_schema_name' })}.${quoteIdentifier(table, { sid, field: 'tgt_table_name' })}`;
}

function rejectNul(value: string, source: SqlSource): void {
  if (value.includes('\0'))
    throw new ConfigError('expected text without NUL characters, found a NUL', source);
}

/**
 * A value as a SQL string expression that yields exactly `value` on Redshift and on PostgreSQL.
 * Single quotes are doubled. Redshift reads a backslash in a literal as an escape, PostgreSQL does not, so a
 * backslash never appears inside the quotes: it is spliced in as `chr(92)` (the whole thing in parentheses, so
 * a following `::timestamp` still applies to all of it). Either way the value cannot end the literal early.
 */
export function quoteLiteral(value: string, source: SqlSource = {}): string {
  rejectNul(value, source);
  const pieces = value.split('\\').map((piece) => `'${piece.replaceAll("'", "''")}'`);
  if (pieces.length === 1) return pieces[0]!;
  return `(${pieces.join(' || chr(92) || ')})`;
}

/**
 * A literal for a COPY option (DELIMITER, QUOTE, NULL AS, DATEFORMAT, URLs, roles). COPY gives backslash
 * sequences meaning (`'\t'`, `'\N'`, `'\001'`), so they pass through, but a backslash is never followed by a
 * quote or the end: under either reading of backslashes the literal ends exactly where Ferry closes it.
 */
export function copyOptionLiteral(value: string, source: SqlSource = {}): string {
  rejectNul(value, source);
  if (/[\r\n]/.test(value)) throw new ConfigError('expected a single-line value, found a line break', source);
  for (let index = value.indexOf('\\'); index >= 0; index = value.indexOf('\\', index + 2)) {
    const next = value[index + 1];
    if (next === undefined || next === "'") {
      throw new ConfigError(
        `expected a backslash to start an escape such as \\t or \\N, found ${JSON.stringify(value.slice(index))}`,
        source,
      );
    }
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * An S3 URL as a COPY literal. Unlike an option, a URL has no escapes: Redshift reads a backslash in a literal as an
 * escape (`\b` would become a backspace, a trailing `\` would swallow the quote), so each one is doubled and the
 * object key read back is exactly the key written — a key with a backslash (S3 allows any UTF-8) loads.
 */
export function copyUrlLiteral(url: string, source: SqlSource = {}): string {
  rejectNul(url, source);
  if (/[\r\n]/.test(url)) throw new ConfigError('expected a single-line URL, found a line break', source);
  return `'${url.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
}
