import { describe, expect, it } from 'vitest';
import { buildManifest, parseManifest, s3Url } from '../../../../lib/core/load-sql/manifest.js';

describe('buildManifest', () => {
  it('names each object by full url, all mandatory', () => {
    expect(
      JSON.parse(buildManifest('ferry-bucket', ['processing/a.txt.gz', 'processing/a.txt.1.gz'])),
    ).toEqual({
      entries: [
        { url: 's3://ferry-bucket/processing/a.txt.gz', mandatory: true },
        { url: 's3://ferry-bucket/processing/a.txt.1.gz', mandatory: true },
      ],
    });
  });

  it('adds content_length when sizes are given (required for Parquet)', () => {
    expect(buildManifest('ferry-bucket', ['processing/p.parquet'], [1234])).toBe(
      '{"entries":[{"url":"s3://ferry-bucket/processing/p.parquet","mandatory":true,"meta":{"content_length":1234}}]}',
    );
  });

  it('keeps keys with quotes and spaces intact through JSON', () => {
    const key = 'processing/O\'Brien "x" file.txt';
    expect(parseManifest(buildManifest('ferry-bucket', [key]))).toEqual([
      { bucket: 'ferry-bucket', key, mandatory: true },
    ]);
  });

  it('reads sizes back', () => {
    expect(parseManifest(buildManifest('b-1.x', ['k'], [0]))).toEqual([
      { bucket: 'b-1.x', key: 'k', mandatory: true, size: 0 },
    ]);
  });

  it.each([
    [() => buildManifest('ferry-bucket', []), 'at least one object key'],
    [() => buildManifest('ferry-bucket', ['a', 'b'], [1]), 'expected 2 sizes for the manifest, found 1'],
    [() => buildManifest('ferry-bucket', ['a', 'a']), 'distinct keys'],
    [() => buildManifest('ferry-bucket', ['a'], [-1]), 'expected a byte count for a, found -1'],
    [() => buildManifest('Ferry_Bucket', ['a']), 'expected an S3 bucket name'],
    [() => buildManifest('ferry-bucket', ['folder/']), 'expected an object key'],
    [() => parseManifest('{"files":[]}'), '"entries" array'],
    [() => parseManifest('{"entries":[{"url":"http://x/y"}]}'), 'found http://x/y'],
  ])('refuses bad input (%#)', (run, message) => {
    expect(run).toThrow(message);
  });

  it('builds a plain s3 url', () => {
    expect(s3Url('ferry-bucket', 'external_input/a b.txt')).toBe('s3://ferry-bucket/external_input/a b.txt');
  });
});
