import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLineFeeds } from '../../../../lib/core/ingest/line-endings.js';

describe('toLineFeeds', () => {
  it('turns every CRLF into LF and keeps a lone carriage return as content', () => {
    const out = toLineFeeds(Buffer.from('a|b\r\nc\rd|e\r\n\r\nf'));
    expect(out.toString()).toBe('a|b\nc\rd|e\n\nf');
  });

  it('returns the very same buffer when there is nothing to change', () => {
    const lines = Buffer.from('a|b\nc|d\n');
    expect(toLineFeeds(lines)).toBe(lines);
  });

  it('agrees with a string replace of CRLF on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '|', '\r', '\n', 'é')), (pieces) => {
        const text = pieces.join('');
        expect(toLineFeeds(Buffer.from(text)).toString()).toBe(text.replaceAll('\r\n', '\n'));
      }),
    );
  });
});
