import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import { RecordTypeCodes } from '../../../../lib/core/ingest/record-type-codes.js';

function matchLine(codes: string[], line: string): string | undefined {
  const table = new RecordTypeCodes(codes);
  const bytes = Buffer.from(`>${line}<`);
  const index = table.match(bytes, 1, bytes.length - 1);
  return index === -1 ? undefined : codes[index];
}

describe('RecordTypeCodes', () => {
  it('finds the code a line starts with, the longest when one code begins another', () => {
    expect(matchLine(['H1', 'H12', 'D1'], 'H12|a\n')).toBe('H12');
    expect(matchLine(['H12', 'H1', 'D1'], 'H1|a\n')).toBe('H1');
    expect(matchLine(['H1', 'H12', 'D1'], 'D1|b')).toBe('D1');
  });

  it('matches only at the start of the line and within it', () => {
    expect(matchLine(['H1'], 'xH1|a\n')).toBeUndefined();
    expect(matchLine(['H1'], 'H\n')).toBeUndefined();
    expect(matchLine(['H12'], 'H1')).toBeUndefined();
    expect(matchLine(['H1'], 'H1')).toBe('H1');
  });

  it('compares bytes, so codes outside ASCII match too', () => {
    expect(matchLine(['É1', 'E1'], 'É1|a\n')).toBe('É1');
    expect(matchLine(['É1', 'É2'], 'É2|a\n')).toBe('É2');
  });

  it('refuses an empty or repeated code, naming the codes it was given', () => {
    expect(() => new RecordTypeCodes(['H1', ''])).toThrow(ConfigError);
    expect(() => new RecordTypeCodes(['H1', 'D1', 'H1'])).toThrow(
      'split codes should be distinct and non-empty, found [H1, D1, H1]',
    );
  });
});
