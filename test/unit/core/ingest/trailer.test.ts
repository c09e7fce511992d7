import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lib/core/errors.js';
import { checkTrailer, trailerCount } from '../../../../lib/core/ingest/trailer.js';

const position = { start: 4, end: 14 };

function failure(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('trailerCount', () => {
  it('reads characters S to E-1 of the trailer as the record count', () => {
    expect(trailerCount('TRL0000000003', position)).toBe(3);
  });

  it('accepts leading zeros and surrounding spaces', () => {
    expect(trailerCount('TRL   0001234', position)).toBe(1234);
    expect(trailerCount('TRL 42       ', position)).toBe(42);
  });

  it('ignores a CR left at the end of the line', () => {
    expect(trailerCount('TRL0000000007\r', position)).toBe(7);
  });

  it('ignores characters after the count', () => {
    expect(trailerCount('TRL0000000012|extra', position)).toBe(12);
  });

  it('rejects a count that is not a number, naming the characters and what it found', () => {
    expect(failure(() => trailerCount('TRLABC       ', position)).message).toBe(
      "trailer characters 4-13 should be a record count, found 'ABC       '",
    );
    expect(failure(() => trailerCount('TRL00ABC00000', position)).message).toBe(
      "trailer characters 4-13 should be a record count, found '00ABC00000'",
    );
  });

  it('rejects a signed or inner-spaced count as not a number', () => {
    expect(failure(() => trailerCount('TRL-000000003', position)).message).toBe(
      "trailer characters 4-13 should be a record count, found '-000000003'",
    );
    expect(failure(() => trailerCount('TRL00000 0003', position)).message).toBe(
      "trailer characters 4-13 should be a record count, found '00000 0003'",
    );
  });

  it('rejects a trailer shorter than the position it should hold the count at', () => {
    expect(failure(() => trailerCount('TRL12', position)).message).toBe(
      "trailer characters 4-13 should be a record count, but the trailer 'TRL12' has only 5 characters",
    );
  });

  it('rejects a count of zero', () => {
    expect(failure(() => trailerCount('TRL0000000000', position)).message).toBe(
      "trailer characters 4-13 should be a record count greater than zero, found '0000000000'",
    );
  });

  it('rejects a count too large to be exact', () => {
    expect(failure(() => trailerCount('T99999999999999999999', { start: 2, end: 22 })).message).toBe(
      "trailer characters 2-21 should be a record count, found '99999999999999999999', too large to be one",
    );
  });

  it('shortens a very long value in the message', () => {
    const message = failure(() => trailerCount(`TRL${'x'.repeat(500)}`, { start: 4, end: 400 })).message;
    expect(message).toBe(`trailer characters 4-399 should be a record count, found '${'x'.repeat(80)}…'`);
  });
});

describe('checkTrailer', () => {
  it('returns the count when it equals the records found', () => {
    expect(checkTrailer('TRL0000001234', position, 1234)).toBe(1234);
  });

  it('says what the trailer claims and what the file has when they differ', () => {
    expect(failure(() => checkTrailer('TRL0000001234', position, 1233)).message).toBe(
      'trailer says 1234 records, file has 1233',
    );
  });
});
