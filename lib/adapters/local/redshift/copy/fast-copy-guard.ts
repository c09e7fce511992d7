// The fast path's byte guard: one pass over the raw bytes, field by field, vouching for every value it lets through to
// PostgreSQL's text COPY — the value is one PostgreSQL reads exactly as the checked path (convert-field.ts) would store
// it. A field the checked path turns into NULL (an empty or blank field) is rewritten as `\N`; anything else the guard
// cannot vouch for stops the stream, and the load falls back to the checked path for the whole COPY.
import { isAscii } from 'node:buffer';
import { Transform } from 'node:stream';

/** How one column's fields are vouched for (see fieldRule in fast-copy.ts for which columns get which). */
export type FieldRule =
  | {
      kind: 'char';
      /** EMPTYASNULL: an empty field is NULL. */
      emptyAsNull: boolean;
      /** BLANKSASNULL: a field of white space only (or empty) is NULL. */
      blanksAsNull: boolean;
    }
  | { kind: 'int' }
  /** Whole digits (leading zeros aside) and decimal places the column holds; undefined: no limit (plain NUMERIC). */
  | { kind: 'numeric'; wholeDigits?: number; scale?: number }
  | { kind: 'date' }
  | { kind: 'timestamp' };

export interface GuardPlan {
  fields: readonly FieldRule[];
  delimiter: number;
  headerLines: number;
  ignoreBlankLines: boolean;
  maxLineBytes: number;
}

export class NotPlainText extends Error {}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const NULL_FIELD = Buffer.from('\\N');

/** The white space JavaScript's trim() (the checked path) and PostgreSQL's isspace() both cut, LF and CR aside. */
const isBlank = (byte: number) => byte === SPACE || byte === 0x09 || byte === 0x0b || byte === 0x0c;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
/** Two ASCII digits as a number; NaN-free because callers checked isDigit. */
const twoDigits = (bytes: Buffer, at: number) => (bytes[at]! - 0x30) * 10 + bytes[at + 1]! - 0x30;

const ACCEPT = 0;
const TO_NULL = 1;
const REFUSE = 2;
type Verdict = typeof ACCEPT | typeof TO_NULL | typeof REFUSE;

/**
 * A character field is PostgreSQL's as it stands when it has no backslash (PostgreSQL's escape) and does not end in a
 * space (PostgreSQL cuts trailing spaces that overflow VARCHAR(n), Redshift rejects the row); guardLines has already
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
  return bytes[end - 1] === SPACE ? REFUSE : ACCEPT;
}

/** Trims the white space both sides cut; [start, end) of what is left, or undefined for an empty or blank field. */
function trimmed(bytes: Buffer, start: number, end: number): [number, number] | undefined {
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
  for (const offset of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(bytes[at + offset]!)) return false;
  if (bytes[at + 4] !== 0x2d || bytes[at + 7] !== 0x2d) return false;
  const month = twoDigits(bytes, at + 5);
  const day = twoDigits(bytes, at + 8);
  const year = twoDigits(bytes, at) * 100 + twoDigits(bytes, at + 2);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function dateVerdict(bytes: Buffer, start: number, end: number): Verdict {
  if (trimmed(bytes, start, end) === undefined) return TO_NULL;
  return end - start === 10 && isDate(bytes, start) ? ACCEPT : REFUSE;
}

/**
 * `YYYY-MM-DD HH:MI:SS[.ffffff]` with hour 00–23, minute and second 00–59: PostgreSQL alone takes 24:00:00 and a
 * leap second (23:59:60).
 */
function timestampVerdict(bytes: Buffer, start: number, end: number): Verdict {
  if (trimmed(bytes, start, end) === undefined) return TO_NULL;
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

function verdict(bytes: Buffer, start: number, end: number, rule: FieldRule, backslashes: boolean): Verdict {
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
      return dateVerdict(bytes, start, end);
    case 'timestamp':
      return timestampVerdict(bytes, start, end);
  }
}

/**
 * Checks the complete lines in `bytes` (it ends with a line feed) and returns what PostgreSQL is to read: `bytes`
 * itself when no field was rewritten. Throws NotPlainText on anything the guard cannot vouch for.
 */
function guardLines(bytes: Buffer, plan: GuardPlan): Buffer {
  const { fields, delimiter, maxLineBytes } = plan;
  const last = fields.length - 1;
  // Once per chunk, natively: a byte of 0x80 or more or a CR is outside every column's subset, and a backslash is in
  // none but as a whole `\N`; the fields then need no byte-by-byte check for them.
  if (!isAscii(bytes) || bytes.includes(CR)) throw new NotPlainText();
  const backslashes = bytes.includes(BACKSLASH);
  let pieces: Buffer[] | undefined;
  let copiedTo = 0;
  const cut = (from: number, to: number, insert?: Buffer) => {
    pieces ??= [];
    if (from > copiedTo) pieces.push(bytes.subarray(copiedTo, from));
    if (insert) pieces.push(insert);
    copiedTo = to;
  };
  for (let lineStart = 0; lineStart < bytes.length; ) {
    if (bytes[lineStart] === LF) {
      // A blank line: IGNOREBLANKLINES drops it, as the checked path does; without it, PostgreSQL would read a row.
      if (!plan.ignoreBlankLines) throw new NotPlainText();
      cut(lineStart, lineStart + 1);
      lineStart++;
      continue;
    }
    let start = lineStart;
    for (let index = 0; ; index++) {
      let end = start;
      let byte = bytes[end]!;
      while (byte !== delimiter && byte !== LF) byte = bytes[++end]!;
      const rule = fields[index];
      // A field too many (a trailing delimiter too) or too few: PostgreSQL and the checked path count differently.
      if (rule === undefined || (byte === LF) !== (index === last)) throw new NotPlainText();
      const seen = verdict(bytes, start, end, rule, backslashes);
      if (seen === REFUSE) throw new NotPlainText();
      if (seen === TO_NULL) cut(start, end, NULL_FIELD);
      start = end + 1;
      if (byte === LF) break;
    }
    if (start - 1 - lineStart > maxLineBytes) throw new NotPlainText();
    lineStart = start;
  }
  if (!pieces) return bytes;
  if (copiedTo < bytes.length) pieces.push(bytes.subarray(copiedTo));
  return Buffer.concat(pieces);
}

/** Drops the header lines (whatever they hold, as the checked path does) and guards the rest, line by line. */
export function fastCopyGuard(plan: GuardPlan): Transform {
  let headerLeft = plan.headerLines;
  // The start of a line cut by the chunk's end, kept until its line feed arrives.
  let carry: Buffer | undefined;
  const guard = (bytes: Buffer): Buffer => {
    if (bytes.length === 0) return bytes;
    return guardLines(bytes, plan);
  };
  return new Transform({
    transform(input: Buffer, _encoding, done) {
      let chunk = input;
      while (headerLeft > 0 && chunk.length > 0) {
        const newline = chunk.indexOf(LF);
        if (newline === -1) return done();
        headerLeft--;
        chunk = chunk.subarray(newline + 1);
      }
      const lastNewline = chunk.lastIndexOf(LF);
      if (lastNewline === -1) {
        carry = carry ? Buffer.concat([carry, chunk]) : chunk;
        if (carry.length > plan.maxLineBytes) return done(new NotPlainText());
        return done();
      }
      // Only the line cut by the previous chunk's end is copied to be whole; the chunk's other lines are checked and
      // passed on where they lie.
      const firstNewline = carry ? chunk.indexOf(LF) : -1;
      const joined = carry ? Buffer.concat([carry, chunk.subarray(0, firstNewline + 1)]) : undefined;
      const complete = chunk.subarray(firstNewline + 1, lastNewline + 1);
      carry = lastNewline + 1 < chunk.length ? chunk.subarray(lastNewline + 1) : undefined;
      try {
        if (joined) this.push(guard(joined));
        done(null, guard(complete));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      // The last line without a line feed: PostgreSQL reads it as a row, as the checked path does.
      try {
        done(null, carry ? guard(Buffer.concat([carry, Buffer.from([LF])])) : undefined);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
