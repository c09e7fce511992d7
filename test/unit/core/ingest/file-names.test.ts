import { describe, expect, it } from 'vitest';
import {
  manifestKey,
  partKey,
  preparedKey,
  runFolder,
  splitPartName,
} from '../../../../lib/core/ingest/file-names.js';
import { fileToken } from '../../../../lib/core/rules/file-name.js';

const now = new Date('2024-01-02T03:04:05.678Z');

describe('prepared file names', () => {
  it('puts what a run prepares, its manifest too, in a folder named by the run', () => {
    expect(runFolder('processing/', '3f1c-run')).toBe('processing/3f1c-run/');
    expect(manifestKey('processing/', '3f1c-run', 'X_527.txt')).toBe(
      'processing/3f1c-run/X_527.txt.manifest',
    );
    expect(preparedKey(runFolder('processing/', '3f1c-run'), 'external_input/a/X_527.txt', false)).toBe(
      'processing/3f1c-run/X_527.txt',
    );
  });

  it('keeps the original name for a plain prepared copy', () => {
    expect(
      preparedKey('processing/', 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt', false),
    ).toBe('processing/PROD_20151015_150510973_PA_FLAVOR_527.txt');
  });

  it('appends .gz for a gzipped copy unless the name already ends so, and replaces .bz2', () => {
    expect(preparedKey('processing/', 'external_input/a_527.txt', true)).toBe('processing/a_527.txt.gz');
    expect(preparedKey('processing/', 'external_input/hosp10_2014_RPT_558.csv.gz', true)).toBe(
      'processing/hosp10_2014_RPT_558.csv.gz',
    );
    expect(preparedKey('processing/', 'external_input/a_527.txt.bz2', true)).toBe('processing/a_527.txt.gz');
  });

  it('numbers parts from 0001', () => {
    expect(partKey('processing/', 'external_input/a_527.txt', 1, true)).toBe(
      'processing/a_527.txt.part-0001.gz',
    );
    expect(partKey('processing/', 'external_input/a_527.txt', 12, false)).toBe(
      'processing/a_527.txt.part-0012',
    );
  });

  it('names a split part so that its token is <token>-<code>', () => {
    const name = splitPartName('external_input/CLAIMS_20240102_700.txt', '700', 'H1', now, 'UTC', false);
    expect(name).toBe('CLAIMS_20240102_700-20240102030405_700-H1.txt');
    expect(fileToken(name)).toBe('700-H1');
  });

  it('stamps split parts in the given timezone', () => {
    expect(splitPartName('CLAIMS_20240102_700.txt', '700', 'D1', now, 'America/New_York', false)).toBe(
      'CLAIMS_20240102_700-20240101220405_700-D1.txt',
    );
  });

  it('gives split parts of a compressed parent a .gz extension', () => {
    expect(splitPartName('external_input/CL_700.txt.gz', '700', 'H1', now, 'UTC', true)).toBe(
      'CL_700-20240102030405_700-H1.gz',
    );
    expect(splitPartName('external_input/CL_700.txt.bz2', '700', 'H1', now, 'UTC', true)).toBe(
      'CL_700-20240102030405_700-H1.gz',
    );
  });
});
