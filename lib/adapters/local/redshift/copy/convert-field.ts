// Checks one field against its target column as Redshift's COPY does, and yields the text Postgres will store.
// Error codes follow https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html: 1204 out of range
// (string length, decimal precision), 1207 an integer digit outside 0-9, 1208 float format, 1209 decimal format,
// 1210 boolean format, 1213 NOT NULL without data, 1222 integer overflow.
import type { TargetColumn } from './column-types.js';
import type { CopyCommand } from './copy-command.js';
import { parseDate, parseTimestamp } from './datetime-format.js';
import type { RecordError } from './raw-record.js';

export type Converted = { value: string | null } | { error: RecordError };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const FLOAT = /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity)|nan)$/i;
const BOOLEAN = new Set(['t', 'f', 'true', 'false', '1', '0', 'y', 'n', 'yes', 'no']);

const fail = (code: number, message: string): Converted => ({ error: { code, message } });

export function convertField(raw: string | null, column: TargetColumn, command: CopyCommand): Converted {
  if (raw === null) return nullOrMissing(column);
  let value = raw;
  if (command.trimBlanks && column.kind === 'char') value = value.replace(/\s+$/, '');
  if (value.includes('\0')) return fail(1220, 'String contains invalid or unsupported UTF8 codepoints');
  if (column.kind === 'char') return convertChar(value, column, command);
  // Empty and blank (white space only) fields of non-character columns always load as NULL:
  // https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html (BLANKSASNULL, EMPTYASNULL).
  if (value.trim() === '') return nullOrMissing(column);
  const text = value.trim();
  switch (column.kind) {
    case 'int':
      return convertInteger(text, column);
    case 'numeric':
      return convertDecimal(text, column, command);
    case 'float':
      return FLOAT.test(text) ? { value: text } : fail(1208, `Invalid digit, Value '${text}', Type: Float`);
    case 'bool':
      return BOOLEAN.has(text.toLowerCase())
        ? { value: text }
        : fail(1210, `Invalid boolean value '${text}'`);
    case 'date':
      return convertDateTime(text, parseDate(text, command.dateFormat), column, command, 1205, 'Date');
    case 'timestamp':
    case 'timestamptz':
      return convertDateTime(
        text,
        parseTimestamp(text, command.timeFormat, column.kind === 'timestamptz'),
        column,
        command,
        1206,
        'Timestamp',
      );
    default:
      return { value };
  }
}

function nullOrMissing(column: TargetColumn): Converted {
  return column.notNull ? fail(1213, 'Missing data for not-null field') : { value: null };
}

function convertChar(value: string, column: TargetColumn, command: CopyCommand): Converted {
  if (command.emptyAsNull && value === '') return nullOrMissing(column);
  if (command.blanksAsNull && value.trim() === '') return nullOrMissing(column);
  const limit = column.maxBytes;
  if (limit === undefined || Buffer.byteLength(value) <= limit) return { value };
  if (!command.truncateColumns) {
    return fail(1204, `String length exceeds DDL length (${Buffer.byteLength(value)} bytes > ${limit})`);
  }
  return { value: truncateToBytes(value, limit) };
}

/** Cuts at a character boundary so a multi-byte character is never split. */
export function truncateToBytes(value: string, limit: number): string {
  let bytes = 0;
  let out = '';
  for (const char of value) {
    bytes += Buffer.byteLength(char);
    if (bytes > limit) break;
    out += char;
  }
  return out;
}

function convertInteger(text: string, column: TargetColumn): Converted {
  if (!INTEGER.test(text)) return fail(1207, `Invalid digit, Value '${text}', Type: Integer`);
  const n = BigInt(text);
  if ((column.min !== undefined && n < column.min) || (column.max !== undefined && n > column.max)) {
    return fail(1222, `Overflow, Value '${text}', Type: ${column.typeName}`);
  }
  return { value: text };
}

function convertDecimal(text: string, column: TargetColumn, command: CopyCommand): Converted {
  if (!DECIMAL.test(text)) return fail(1209, `Invalid digit, Value '${text}', Type: Decimal`);
  if (column.precision === undefined || column.scale === undefined) return { value: text };
  const unsigned = text.replace(/^[+-]/, '');
  const [whole = '', fraction = ''] = unsigned.split('.');
  const wholeDigits = whole.replace(/^0+/, '').length;
  if (wholeDigits > column.precision - column.scale) {
    return fail(
      1204,
      `Numeric data overflow (result precision), Value '${text}', precision ${column.precision}`,
    );
  }
  // Redshift truncates extra decimal places unless ROUNDEC asks for rounding (which Postgres does itself).
  if (fraction.length <= column.scale || command.roundDecimals) return { value: text };
  const sign = text.startsWith('-') ? '-' : '';
  const kept = fraction.slice(0, column.scale);
  return { value: `${sign}${whole || '0'}${kept ? `.${kept}` : ''}` };
}

function convertDateTime(
  text: string,
  parsed: string | undefined,
  column: TargetColumn,
  command: CopyCommand,
  code: number,
  label: string,
): Converted {
  if (parsed !== undefined) return { value: parsed };
  if (command.acceptAnyDate) return nullOrMissing(column);
  return fail(
    code,
    `Invalid ${label} Format - value '${text}' does not match '${label === 'Date' ? command.dateFormat : command.timeFormat}'`,
  );
}
