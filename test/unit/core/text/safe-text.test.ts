import { describe, expect, it } from 'vitest';
import {
  excerpt,
  storableJson,
  storableJsonValue,
  storableText,
} from '../../../../lib/core/text/safe-text.js';

describe('excerpt', () => {
  it('shows a NUL and other control characters visibly as \\uXXXX', () => {
    expect(excerpt('T\0R\u0001L\u007f\u0085')).toBe('T\\u0000R\\u0001L\\u007f\\u0085');
  });

  it('cuts a long text before escaping, so the cut never splits an escape', () => {
    expect(excerpt(`${'\0'.repeat(3)}abc`, 2)).toBe('\\u0000\\u0000…');
  });

  it('leaves printable text, including non-ASCII letters, as it is', () => {
    expect(excerpt('Flävor 3 – ok')).toBe('Flävor 3 – ok');
  });
});

describe('storableText', () => {
  it('writes a NUL as the visible text \\u0000 and keeps line feeds', () => {
    expect(storableText('a\0b\nc')).toBe('a\\u0000b\nc');
  });

  it('passes null and undefined through', () => {
    expect(storableText(null)).toBeNull();
    expect(storableText(undefined)).toBeUndefined();
  });
});

describe('storableJson', () => {
  it("rewrites JSON's NUL escape so the value reads \\u0000 as text", () => {
    const json = storableJson(JSON.stringify({ sample: ['nul\0here'] }));
    expect(JSON.parse(json)).toEqual({ sample: ['nul\\u0000here'] });
  });

  it('leaves an escaped backslash followed by u0000 alone (it is already text)', () => {
    const json = JSON.stringify({ text: '\\u0000' });
    expect(storableJson(json)).toBe(json);
  });

  it('makes an object storable, deep', () => {
    expect(storableJsonValue({ a: { b: ['x\0'] }, n: 1 })).toEqual({ a: { b: ['x\\u0000'] }, n: 1 });
  });
});
