// The fast path's field verdicts: whether PostgreSQL's text COPY reads a field's bytes exactly as the checked path
// (convert-field.ts) would store them, must be given `\N` instead (the checked path loads NULL), or cannot be vouched
// for (the load falls back to the checked path). Line splitting is the guard's (fast-copy-guard.ts) and the fixed-width
// cutter's (fast-copy-fixed-width.ts).

/** How one column's fields are vouched for (see fieldRule in fast-copy.ts for which columns get which). */
export type FieldRule =
  | {
      kind: 'char';
      /** EMPTYASNULL: an empty field is NULL. */
      emptyAsNull: boolean;
      /** BLANKSASNULL: a field of white space only (or empty) is NULL. */
      blanksAsNull: boolean;
      /** VARCHAR(n)/CHAR(n)'s n (bytes to Redshift, characters to PostgreSQL: one and the same in ASCII). */
      maxBytes?: number;
    }
  | { kind: 'int' }
  /** Whole digits (leading zeros aside) and decimal places the column holds; undefined: no limit (plain NUMERIC). */
  | { kind: 'numeric'; wholeDigits?: number; scale?: number }
  /** compact: DATEFORMAT 'YYYYMMDD', else `YYYY-MM-DD`. */
  | { kind: 'date'; compact?: boolean }
  | { kind: 'timestamp' };

/** What the guard cannot vouch for: the load falls back to the checked path. */
export class NotPlainText extends Error {}

export const LF = 0x0a;
export const CR = 0x0d;
export const TAB = 0x09;
const SPACE = 0x20;
export const BACKSLASH = 0x5c;
export const NULL_FIELD = Buffer.from('\\N');

/** The white space JavaScript's trim() (the checked path) and PostgreSQL's isspace() both cut, LF and CR aside. */
const isBlank = (byte: number) => byte === SPACE || byte === 0x09 || byte === 0x0b || byte === 0x0c;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
/** Two ASCII digits as a number; NaN-free because callers checked isDigit. */
const twoDigits = (bytes: Buffer, at: number) => (bytes[at]! - 0x30) * 10 + bytes[at + 1]! - 0x30;

export const ACCEPT = 0;
export const TO_NULL = 1;
export const REFUSE = 2;
export type Verdict = typeof ACCEPT | typeof TO_NULL | typeof REFUSE;

/**
 * A character field is PostgreSQL's as it stands when it has no backslash (PostgreSQL's escape) and fits the column
 * (PostgreSQL cuts trailing spaces that overflow VARCHAR(n), Redshift rejects the row); the line cutters have already
 * refused bytes of 0x80 or more (PostgreSQL counts VARCHAR(n) in characters, Redshift in bytes) and CRs.
 */
function charVerdict(
  bytes: Buffer,
  start: number,
  end: number,
  rule: FieldRule & { kind: 'char' },
  backslashes: boolean,
): Verdict {
  if (end === start) return rule.emptyAsNull || rule.blanksAsNull ? TO_NULL : ACCEPT;
  if (backslashes) for (let at = start; at < end; at++) if (bytes[at] === BACKSLASH) return REFUSE;
  if (rule.blanksAsNull && isBlank(bytes[start]!)) {
    let at = start + 1;
    while (at < end && isBlank(bytes[at]!)) at++;
    if (at === end) return TO_NULL;
  }
  return rule.maxBytes !== undefined && end - start > rule.maxBytes ? REFUSE : ACCEPT;
}

/** Trims the white space both sides cut; [start, end) of what is left, or undefined for an empty or blank field. */
export function trimmed(bytes: Buffer, start: number, end: number): [number, number] | undefined {
  while (start < end && isBlank(bytes[start]!)) start++;
  while (end > start && isBlank(bytes[end - 1]!)) end--;
  return start === end ? undefined : [start, end];
}

/** `[+-]?digits`: PostgreSQL 16 also reads `0x1F` and `1_000`, Redshift does not; out of range, both reject. */
function intVerdict(bytes: Buffer, from: number, to: number): Verdict {
  const span = trimmed(bytes, from, to);
  if (!span) return TO_NULL;
  let [at] = span;
  const end = span[1];
  if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
  if (at === end) return REFUSE;
  for (; at < end; at++) if (!isDigit(bytes[at]!)) return REFUSE;
  return ACCEPT;
}

/**
 * `[+-]?digits[.digits]` within the column's precision and scale: no extra decimal places, where PostgreSQL rounds and
 * Redshift truncates (https://docs.aws.amazon.com/redshift/latest/dg/r_Numeric_types201.html).
 */
function numericVerdict(
  bytes: Buffer,
  from: number,
  to: number,
  rule: FieldRule & { kind: 'numeric' },
): Verdict {
  const span = trimmed(bytes, from, to);
  if (!span) return TO_NULL;
  let [at] = span;
  const end = span[1];
  if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
  while (at < end && bytes[at] === 0x30 && at + 1 < end && isDigit(bytes[at + 1]!)) at++;
  const wholeStart = at;
  while (at < end && isDigit(bytes[at]!)) at++;
  const whole = at - wholeStart;
  if (
    whole === 0 ||
    (rule.wholeDigits !== undefined && whole > rule.wholeDigits && bytes[wholeStart] !== 0x30)
  )
    return REFUSE;
  if (at === end) return ACCEPT;
  if (bytes[at] !== 0x2e) return REFUSE;
  const fractionStart = ++at;
  while (at < end && isDigit(bytes[at]!)) at++;
  const places = at - fractionStart;
  if (at !== end || places === 0 || (rule.scale !== undefined && places > rule.scale)) return REFUSE;
  return ACCEPT;
}

/** `YYYY-MM-DD` with year 0001–9999, month 01–12, day 01–31; a day past the month's end PostgreSQL rejects itself. */
function isDate(bytes: Buffer, at: number): boolean {
  if (bytes[at + 4] !== 0x2d || bytes[at + 7] !== 0x2d) return false;
  return isYearMonthDay(bytes, at, at + 5, at + 8);
}

/**
 * `YYYYMMDD` (DATEFORMAT 'YYYYMMDD'), which PostgreSQL reads as ISO 8601's basic form in every DateStyle
 * (https://www.postgresql.org/docs/current/datatype-datetime.html, "Date Input").
 */
function isCompactDate(bytes: Buffer, at: number): boolean {
  return isYearMonthDay(bytes, at, at + 4, at + 6);
}

function isYearMonthDay(bytes: Buffer, year: number, month: number, day: number): boolean {
  for (const at of [year, year + 2, month, day]) {
    if (!isDigit(bytes[at]!) || !isDigit(bytes[at + 1]!)) return false;
  }
  const yyyy = twoDigits(bytes, year) * 100 + twoDigits(bytes, year + 2);
  const mm = twoDigits(bytes, month);
  const dd = twoDigits(bytes, day);
  return yyyy >= 1 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

/** White space around the date both cut (the checked path trims, PostgreSQL's date input skips it). */
function dateVerdict(bytes: Buffer, from: number, to: number, rule: FieldRule & { kind: 'date' }): Verdict {
  const span = trimmed(bytes, from, to);
  if (!span) return TO_NULL;
  const [start, end] = span;
  if (rule.compact) return end - start === 8 && isCompactDate(bytes, start) ? ACCEPT : REFUSE;
  return end - start === 10 && isDate(bytes, start) ? ACCEPT : REFUSE;
}

/**
 * `YYYY-MM-DD HH:MI:SS[.ffffff]` with hour 00–23, minute and second 00–59: PostgreSQL alone takes 24:00:00 and a
 * leap second (23:59:60).
 */
function timestampVerdict(bytes: Buffer, from: number, to: number): Verdict {
  const span = trimmed(bytes, from, to);
  if (!span) return TO_NULL;
  const [start, end] = span;
  const length = end - start;
  if (length < 19 || length === 20 || length > 26 || !isDate(bytes, start) || bytes[start + 10] !== SPACE)
    return REFUSE;
  for (const offset of [11, 12, 14, 15, 17, 18]) if (!isDigit(bytes[start + offset]!)) return REFUSE;
  if (bytes[start + 13] !== 0x3a || bytes[start + 16] !== 0x3a) return REFUSE;
  if (
    twoDigits(bytes, start + 11) > 23 ||
    twoDigits(bytes, start + 14) > 59 ||
    twoDigits(bytes, start + 17) > 59
  )
    return REFUSE;
  if (length === 19) return ACCEPT;
  if (bytes[start + 19] !== 0x2e) return REFUSE;
  for (let at = start + 20; at < end; at++) if (!isDigit(bytes[at]!)) return REFUSE;
  return ACCEPT;
}

export function verdict(
  bytes: Buffer,
  start: number,
  end: number,
  rule: FieldRule,
  backslashes: boolean,
): Verdict {
  // A whole `\N` is NULL AS's default, NULL to PostgreSQL's text COPY as well.
  if (end - start === 2 && bytes[start] === BACKSLASH && bytes[start + 1] === 0x4e) return ACCEPT;
  switch (rule.kind) {
    case 'char':
      return charVerdict(bytes, start, end, rule, backslashes);
    case 'int':
      return intVerdict(bytes, start, end);
    case 'numeric':
      return numericVerdict(bytes, start, end, rule);
    case 'date':
      return dateVerdict(bytes, start, end, rule);
    case 'timestamp':
      return timestampVerdict(bytes, start, end);
  }
}

/** How the guard reads a file's lines and vouches for their fields (see fastCopyPlan in fast-copy.ts). */
export interface GuardPlan {
  fields: readonly FieldRule[];
  /** The delimiter PostgreSQL reads: the file's, or for fixed width the tab the guard writes between fields. */
  delimiter: number;
  /** FIXEDWIDTH's widths, one per field: each line is cut into fields and written as delimited text. */
  widths?: readonly number[];
  /** CSV's quote character: each line's fields are read as CSV and written as PostgreSQL text. */
  quote?: number;
  headerLines: number;
  ignoreBlankLines: boolean;
  maxLineBytes: number;
  /** Written at the end of every line PostgreSQL reads (delimiter first): constant fields (copy-through-stage.ts). */
  lineSuffix?: Buffer;
}
