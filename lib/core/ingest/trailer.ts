// The trailer's record count, read with the original's `trailer_pstn 'S:E'` semantics and compared as an integer.

import { ValidationError } from '../errors.js';
import type { TrailerPosition } from '../rules/rule.js';
import { excerpt } from '../text/safe-text.js';

const countPattern = /^\s*(\d+)\s*$/;

/** Characters S through E-1 of the trailer (the original's Python `line[S-1:E-1]`), as a positive integer. */
export function trailerCount(line: string, position: TrailerPosition): number {
  const { start, end } = position;
  const span = `trailer characters ${start}-${end - 1}`;
  const text = line.replace(/\r?\n$/, '').replace(/\r$/, '');
  if (text.length < end - 1) {
    throw new ValidationError(
      `${span} should be a record count, but the trailer '${excerpt(text)}' has only ${text.length} characters`,
    );
  }
  const field = text.slice(start - 1, end - 1);
  const digits = countPattern.exec(field)?.[1];
  if (digits === undefined) {
    throw new ValidationError(`${span} should be a record count, found '${excerpt(field)}'`);
  }
  const count = Number(digits);
  if (!Number.isSafeInteger(count)) {
    throw new ValidationError(
      `${span} should be a record count, found '${excerpt(field)}', too large to be one`,
    );
  }
  if (count === 0) {
    throw new ValidationError(
      `${span} should be a record count greater than zero, found '${excerpt(field)}'`,
    );
  }
  return count;
}

/** Fails unless the trailer's count equals the data records the scan found. */
export function checkTrailer(line: string, position: TrailerPosition, records: number): number {
  const count = trailerCount(line, position);
  if (count !== records) {
    throw new ValidationError(`trailer says ${count} records, file has ${records}`);
  }
  return count;
}
