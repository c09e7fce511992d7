import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyToParts, MAX_PART_BYTES, partsToKey } from '../../../../lib/adapters/local/local-key-path.js';

describe('local key paths', () => {
  it('keeps ordinary keys readable, one directory per segment', () => {
    expect(keyToParts('external_input/my file (1).txt')).toEqual(['external_input', 'my file (1).txt']);
    expect(keyToParts(`archive/it's;"ü".txt`)).toEqual(['archive', `it's;"ü".txt`]);
  });

  it('escapes %, backslash, control characters and a leading dot, so no segment can climb out', () => {
    expect(keyToParts('a/../b/./c')).toEqual(['a', '%2E.', 'b', '%2E', 'c']);
    expect(keyToParts('100%\\x\n.txt')).toEqual(['100%25%5Cx%0A.txt']);
  });

  it('writes empty segments and folder markers as a lone %', () => {
    expect(keyToParts('external_input/')).toEqual(['external_input', '%']);
    expect(keyToParts('a//b')).toEqual(['a', '%', 'b']);
    expect(partsToKey(['external_input', '%'])).toBe('external_input/');
  });

  it('cuts a segment too long for a file name into nested pieces marked %+', () => {
    const parts = keyToParts(`in/${'x'.repeat(450)}`);

    expect(parts).toEqual(['in', `${'x'.repeat(200)}%+`, `${'x'.repeat(200)}%+`, 'x'.repeat(50)]);
    expect(partsToKey(parts)).toBe(`in/${'x'.repeat(450)}`);
  });

  it('maps every key to file names of at most 255 bytes, none starting with a dot, and back to the same key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (key) => {
        const parts = keyToParts(key);
        for (const part of parts) {
          expect(Buffer.byteLength(part)).toBeLessThanOrEqual(MAX_PART_BYTES + 2);
          expect(part.startsWith('.')).toBe(false);
          expect(part).not.toContain('/');
        }
        expect(partsToKey(parts)).toBe(key);
      }),
      { numRuns: 500 },
    );
  });

  it('never maps two different keys to the same path', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        fc.pre(a !== b);
        expect(keyToParts(a).join('/')).not.toBe(keyToParts(b).join('/'));
      }),
    );
  });
});
