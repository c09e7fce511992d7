import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsParentRule, flavorRule } from '../../../support/sample-rules.js';
import { prepare, storeWith } from './prepare-fixtures.js';

const field = fc.stringMatching(/^[A-Za-z0-9 ]{0,12}$/);
const record = fc.tuple(fc.constantFrom('H1', 'D1', 'X9'), field).map(([code, rest]) => `${code}|${rest}`);
const ending = fc.constantFrom('\n', '\r\n');
const input = fc.record({
  records: fc.array(fc.tuple(record, ending, fc.boolean()), { minLength: 1, maxLength: 60 }),
  chunkSize: fc.integer({ min: 1, max: 200 }),
  parts: fc.integer({ min: 1, max: 6 }),
  gzip: fc.boolean(),
  reuseBuffer: fc.boolean(),
});

/** The file: records (some followed by a blank line) and a trailer with their count. */
function fileOf(records: [string, string, boolean][]): string {
  const body = records.map(([line, end, blank]) => `${line}${end}${blank ? end : ''}`).join('');
  return `${body}TRL${String(records.length).padStart(10, '0')}\n`;
}

describe('prepareFile on arbitrary inputs', () => {
  it('cuts parts that hold every record exactly once and in order, however the input is chunked and read', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ records, chunkSize, parts, gzip, reuseBuffer }) => {
        const key = 'external_input/P_527.txt';
        const store = await storeWith(key, fileOf(records), chunkSize, reuseBuffer);
        const rule = flavorRule({ output: { compression: gzip ? 'gzip' : 'none', parts } });
        const prepared = await prepare(store, key, rule);
        const texts = prepared.load!.keys.map((k) =>
          (gzip ? gunzipSync(store.bytes(k)!) : store.bytes(k)!).toString(),
        );
        expect(prepared.records).toBe(records.length);
        expect(texts.length).toBeLessThanOrEqual(parts);
        for (const text of texts) expect(text === '' || /\n$/.test(text)).toBe(true);
        const lines = texts
          .join('')
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '');
        expect(lines).toEqual(records.map(([line]) => line));
      }),
      { numRuns: 150 },
    );
  });

  it('splits every record of a listed code into its part exactly once and drops the rest', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ records, chunkSize, reuseBuffer }) => {
        const key = 'external_input/C_700.txt';
        const store = await storeWith(key, fileOf(records), chunkSize, reuseBuffer);
        const prepared = await prepare(store, key, claimsParentRule());
        const split = prepared.split!;
        for (const code of ['H1', 'D1']) {
          const expected = records.map(([line]) => line).filter((line) => line.startsWith(code));
          const part = split.parts.find((p) => p.code === code);
          if (expected.length === 0) {
            expect(part).toBeUndefined();
            continue;
          }
          expect(part?.records).toBe(expected.length);
          const lines = store
            .bytes(part!.key)!
            .toString()
            .split(/\r?\n/)
            .filter((line) => line.trim() !== '');
          expect(lines).toEqual(expected);
        }
        expect(split.dropped).toBe(records.filter(([line]) => line.startsWith('X9')).length);
      }),
      { numRuns: 150 },
    );
  });

  it('loads the same records whether the store copies the bytes before the trailer or Ferry rewrites them, read through a reused buffer or not', async () => {
    const shape = fc.record({
      records: fc.array(fc.tuple(record, ending, fc.boolean()), { minLength: 1, maxLength: 40 }),
      header: fc.boolean(),
      bom: fc.boolean(),
      leadingBlank: fc.boolean(),
      chunkSize: fc.integer({ min: 1, max: 200 }),
      reuseBuffer: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(shape, async ({ records, header, bom, leadingBlank, chunkSize, reuseBuffer }) => {
        const key = 'external_input/P_527.txt';
        const file = `${bom ? '\ufeff' : ''}${leadingBlank ? '\n' : ''}${header ? 'code|rest\n' : ''}${fileOf(records)}`;
        const store = await storeWith(key, file, chunkSize, reuseBuffer);
        const etag = (await store.head(key))!.etag;
        const prepared = await prepare(store, key, flavorRule({ header, checkHeader: false }), { etag });

        // CRLF must become LF; COPY skips a header only as the first line, and only a header may carry a BOM
        const copied = !file.includes('\r') && (header ? !leadingBlank : !bom);
        expect(store.puts).toEqual(copied ? [] : prepared.load!.keys);
        expect(prepared.load!.hasHeader).toBe(copied && header);
        const lines = store.bytes(prepared.load!.keys[0]!)!.toString().split('\n');
        if (prepared.load!.hasHeader) expect(lines.shift()).toBe(`${bom ? '\ufeff' : ''}code|rest`);
        expect(lines.join('\n')).not.toMatch(/\r|\ufeff|TRL/);
        expect(lines.filter((line) => line.trim() !== '')).toEqual(records.map(([line]) => line));
      }),
      { numRuns: 300 },
    );
  });
});
