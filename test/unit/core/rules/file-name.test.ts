import { describe, expect, it } from 'vitest';
import { fileToken, lastExtension } from '../../../../lib/core/rules/file-name.js';

describe('fileToken', () => {
  it('takes the last underscore part of the name before its first dot', () => {
    expect(fileToken('PROD_20151015_150510973_PA_FLAVOR_527.txt')).toBe('527');
  });

  it('cuts at the first dot, so a double extension does not matter', () => {
    expect(fileToken('hosp10_2014_RPT_558.csv.gz')).toBe('558');
  });

  it('reads a split part token with its record type', () => {
    expect(fileToken('CLAIMS-20240102101010_700-H1.txt')).toBe('700-H1');
  });

  it('reads the token from the base name, not from the folders', () => {
    expect(fileToken('external_input/a_b.c/PROD_527.txt')).toBe('527');
  });

  it('takes the whole stem when the name has no underscore', () => {
    expect(fileToken('527.txt')).toBe('527');
  });

  it('gives an empty token for a name ending in an underscore', () => {
    expect(fileToken('PROD_.txt')).toBe('');
  });
});

describe('lastExtension', () => {
  it('takes the text after the last dot', () => {
    expect(lastExtension('hosp10_2014_RPT_558.csv.gz')).toBe('gz');
  });

  it('is empty for a name without a dot', () => {
    expect(lastExtension('external_input.d/README')).toBe('');
  });

  it('keeps the case of the extension', () => {
    expect(lastExtension('PROD_527.TXT')).toBe('TXT');
  });
});
