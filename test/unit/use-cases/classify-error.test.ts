// Which failures the processing function retries (rethrow) and which it records as FAILED.
import { describe, expect, it } from 'vitest';
import { ConfigError, TerminalError, TransientError, ValidationError } from '../../../lib/core/errors.js';
import { isTransient } from '../../../lib/use-cases/classify-error.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isTransient', () => {
  it.each([
    ['a TransientError', new TransientError('throttled'), true],
    ['a connection refused', withCode('ECONNREFUSED'), true],
    ['a PostgreSQL connection failure (08006)', withCode('08006'), true],
    ['a PostgreSQL admin shutdown (57P01)', withCode('57P01'), true],
    ['a serialization failure (40001)', withCode('40001'), true],
    ['a TerminalError', new TerminalError('bad'), false],
    ['a ValidationError', new ValidationError('trailer says 4 records, file has 3'), false],
    ['a ConfigError', new ConfigError('no target'), false],
    ['a unique violation (23505)', withCode('23505'), false],
    ['a programming error', new TypeError('x is undefined'), false],
    ['a thrown string', 'boom', false],
  ])('says %s is transient: %s', (_what, error, expected) => {
    expect(isTransient(error)).toBe(expected);
  });
});
