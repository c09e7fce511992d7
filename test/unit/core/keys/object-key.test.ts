import { describe, expect, it } from 'vitest';
import { TerminalError } from '../../../../lib/core/errors.js';
import { assertValidKey, fileNameOf } from '../../../../lib/core/keys/object-key.js';

describe('object keys', () => {
  it('accepts keys up to 1,024 bytes of UTF-8, counting bytes rather than characters', () => {
    expect(() => assertValidKey('é'.repeat(512))).not.toThrow();
    expect(() => assertValidKey('é'.repeat(513))).toThrow(
      'expected an object key of at most 1024 bytes, found 1026 bytes',
    );
  });

  it('rejects an empty key and a key with a lone surrogate', () => {
    expect(() => assertValidKey('')).toThrow(TerminalError);
    expect(() => assertValidKey('bad\uD800.txt')).toThrow('expected an object key of well-formed UTF-8');
  });

  it('takes the last segment as the file name', () => {
    expect(fileNameOf('external_input/sub/feed.txt')).toBe('feed.txt');
    expect(fileNameOf('feed.txt')).toBe('feed.txt');
    expect(fileNameOf('external_input/')).toBe('');
  });

  it('drops every folder of the object key', () => {
    expect(fileNameOf('external_input/2024/PROD_527.txt')).toBe('PROD_527.txt');
  });

  it('keeps a key without folders as it is', () => {
    expect(fileNameOf('PROD_527.txt')).toBe('PROD_527.txt');
  });
});
