// Checks one field against its target column as Redshift's COPY does, and yields the text Postgres will store.
// Error codes follow https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html: 1204 out of range
// (string length, decimal precision), 1207 an integer digit outside 0-9, 1208 float format, 1209 decimal format,
// 1210 boolean format, 1213 NOT NULL without data, 1222 integer overflow.
import type { TargetColumn } from './column-types.js';
import type { CopyCommand } from './copy-command.js';
import { parseDate, parseTimestamp } from './datetime-format.js';
import type { RecordError } from './raw-record.js';

export type Converted = { value: string | null } | { error: RecordError };

/** A rejected field: an object, so it cannot be mistaken for a converted value (a string or null). */
export class FieldError {
  constructor(readonly error: RecordError) {}
}

/**
 * One column's check, chosen once per load: the loop over millions of fields then makes no per-field decision about
 * the column's type or the COPY options, and allocates nothing for a value that passes.
 */
export type FieldConverter = (raw: string | null) => string | null | FieldError;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const FLOAT = /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity)|nan)$/i;
const BOOLEAN = new Set(['t', 'f', 'true', 'false', '1', '0', 'y', 'n', 'yes', 'no']);
const TRAILING_SPACE = /\s+$/;

const fail = (code: number, message: string) => new FieldError({ code, message });
const invalidCodepoint = () => fail(1220, 'String contains invalid or unsupported UTF8 codepoints');

export function convertField(raw: string | null, column: TargetColumn, command: CopyCommand): Converted {
  const converted = fieldConverter(column, command)(raw);
  return converted instanceof FieldError ? { error: converted.error } : { value: converted };
}

export function fieldConverter(column: TargetColumn, command: CopyCommand): FieldConverter {
  const missing = nullOrMissing(column);
  if (column.kind === 'char') {
    const check = charConverter(column, command, missing);
    const trim = command.trimBlanks;
    return (raw) => {
      if (raw === null) return missing();
      const value = trim ? raw.replace(TRAILING_SPACE, '') : raw;
      if (value.includes('\0')) return invalidCodepoint();
      return check(value);
    };
  }
  const check = typedConverter(column, command, missing);
  return (raw) => {
    if (raw === null) return missing();
    if (raw.includes('\0')) return invalidCodepoint();
    // Empty and blank (white space only) fields of non-character columns always load as NULL:
    // https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html (BLANKSASNULL, EMPTYASNULL).
    const text = raw.trim();
    if (text === '') return missing();
    return check(text, raw);
  };
}

function nullOrMissing(column: TargetColumn): () => null | FieldError {
  return column.notNull ? () => fail(1213, 'Missing data for not-null field') : () => null;
}

/** Checks the trimmed text of a non-empty field; `raw` is the field as read (kept by the 'other' kinds). */
type TypedCheck = (text: string, raw: string) => string | null | FieldError;

function typedConverter(
  column: TargetColumn,
  command: CopyCommand,
  missing: () => null | FieldError,
): TypedCheck {
  switch (column.kind) {
    case 'int':
      return (text) => convertInteger(text, column);
    case 'numeric':
      return (text) => convertDecimal(text, column, command);
    case 'float':
      return (text) => (FLOAT.test(text) ? text : fail(1208, `Invalid digit, Value '${text}', Type: Float`));
    case 'bool':
      return (text) =>
        BOOLEAN.has(text.toLowerCase()) ? text : fail(1210, `Invalid boolean value '${text}'`);
    case 'date': {
      const format = command.dateFormat;
      return (text) => dateTime(text, parseDate(text, format), command, missing, 1205, 'Date');
    }
    case 'timestamp':
    case 'timestamptz': {
      const format = command.timeFormat;
      const withZone = column.kind === 'timestamptz';
      return (text) =>
        dateTime(text, parseTimestamp(text, format, withZone), command, missing, 1206, 'Timestamp');
    }
    default:
      return (_text, raw) => raw;
  }
}

function charConverter(
  column: TargetColumn,
  command: CopyCommand,
  missing: () => null | FieldError,
): (value: string) => string | null | FieldError {
  const limit = column.maxBytes;
  const { emptyAsNull, blanksAsNull, truncateColumns } = command;
  return (value) => {
    if (emptyAsNull && value === '') return missing();
    if (blanksAsNull && value.trim() === '') return missing();
    // A string is never more bytes than three per UTF-16 unit, so a short one needs no byte count.
    if (limit === undefined || value.length * 3 <= limit) return value;
    const bytes = Buffer.byteLength(value);
    if (bytes <= limit) return value;
    if (!truncateColumns) return fail(1204, `String length exceeds DDL length (${bytes} bytes > ${limit})`);
    return truncateToBytes(value, limit);
  };
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

function convertInteger(text: string, column: TargetColumn): string | FieldError {
  if (!INTEGER.test(text)) return fail(1207, `Invalid digit, Value '${text}', Type: Integer`);
  const n = BigInt(text);
  if ((column.min !== undefined && n < column.min) || (column.max !== undefined && n > column.max)) {
    return fail(1222, `Overflow, Value '${text}', Type: ${column.typeName}`);
  }
  return text;
}

function convertDecimal(text: string, column: TargetColumn, command: CopyCommand): string | FieldError {
  if (!DECIMAL.test(text)) return fail(1209, `Invalid digit, Value '${text}', Type: Decimal`);
  if (column.precision === undefined || column.scale === undefined) return text;
  const first = text.charCodeAt(0);
  const signed = first === 0x2b || first === 0x2d;
  // DECIMAL allows one point at most.
  const point = text.indexOf('.');
  const wholeEnd = point === -1 ? text.length : point;
  let wholeStart = signed ? 1 : 0;
  const whole = text.slice(wholeStart, wholeEnd);
  while (wholeStart < wholeEnd && text.charCodeAt(wholeStart) === 0x30) wholeStart++;
  if (wholeEnd - wholeStart > column.precision - column.scale) {
    return fail(
      1204,
      `Numeric data overflow (result precision), Value '${text}', precision ${column.precision}`,
    );
  }
  const fractionLength = point === -1 ? 0 : text.length - point - 1;
  // Redshift truncates extra decimal places unless ROUNDEC asks for rounding (which Postgres does itself).
  if (fractionLength <= column.scale || command.roundDecimals) return text;
  const sign = first === 0x2d ? '-' : '';
  const kept = text.slice(point + 1, point + 1 + column.scale);
  return `${sign}${whole || '0'}${kept ? `.${kept}` : ''}`;
}

function dateTime(
  text: string,
  parsed: string | undefined,
  command: CopyCommand,
  missing: () => null | FieldError,
  code: number,
  label: string,
): string | null | FieldError {
  if (parsed !== undefined) return parsed;
  if (command.acceptAnyDate) return missing();
  return fail(
    code,
    `Invalid ${label} Format - value '${text}' does not match '${label === 'Date' ? command.dateFormat : command.timeFormat}'`,
  );
}
