import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileToken } from '../../../../lib/core/rules/file-name.js';
import { claimsParentRule, flavorRule } from '../../../support/sample-rules.js';
import { prepare, rejection, sample, storeWith, text } from './prepare-fixtures.js';

const claimsKey = 'external_input/CLAIMS_20240102_700.txt';
const headerKey = 'external_input/CLAIMS_20240102_700-20240102101112_700-H1.txt';
const detailKey = 'external_input/CLAIMS_20240102_700-20240102101112_700-D1.txt';

function flavorRecords(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${i + 1}|FLV${i}|Flavor ${i}|Cat ${i % 7}|2015-10-01|${i}.25|Y`,
  );
}

describe('prepareFile splitting by record type', () => {
  it('writes one part per code into the input folder, named for the child rules, without the trailer', async () => {
    const store = await storeWith(claimsKey, sample('CLAIMS_20240102_700.txt'));
    const prepared = await prepare(store, claimsKey, claimsParentRule());
    expect(prepared.records).toBe(7);
    expect(prepared.load).toBeUndefined();
    expect(prepared.split).toEqual({
      parts: [
        { code: 'H1', key: headerKey, records: 2 },
        { code: 'D1', key: detailKey, records: 5 },
      ],
      dropped: 0,
      droppedSample: [],
    });
    expect(text(store.bytes(headerKey))).toBe(
      'H1|500001|MBR0000123|2024-01-02\nH1|500002|MBR0000456|2024-01-02\n',
    );
    expect(text(store.bytes(detailKey)).split('\n')).toEqual([
      'D1|500001|1|99213|125.00',
      'D1|500001|2|85025|32.50',
      'D1|500002|1|99214|180.00',
      'D1|500002|2|80053|48.75',
      'D1|500002|3|93000|65.00',
      '',
    ]);
    expect(fileToken(headerKey)).toBe('700-H1');
    expect(prepared.preparedKeys).toEqual([
      'processing/run-1/CLAIMS_20240102_700-20240102101112_700-H1.txt',
      'processing/run-1/CLAIMS_20240102_700-20240102101112_700-D1.txt',
    ]);
  });

  it('writes the parts of parents with one name in two folders next to each parent, under each run', async () => {
    const keys = ['external_input/a/CLAIMS_20240102_700.txt', 'external_input/b/CLAIMS_20240102_700.txt'];
    const store = await storeWith(keys[0]!, sample('CLAIMS_20240102_700.txt'));
    await store.put(keys[1]!, sample('CLAIMS_20240102_700.txt'));
    const first = await prepare(store, keys[0]!, claimsParentRule(), { runId: 'run-a' });
    const second = await prepare(store, keys[1]!, claimsParentRule(), { runId: 'run-b' });
    const partName = 'CLAIMS_20240102_700-20240102101112_700-H1.txt';
    expect([first.split?.parts[0]?.key, second.split?.parts[0]?.key]).toEqual([
      `external_input/a/${partName}`,
      `external_input/b/${partName}`,
    ]);
    expect([first.preparedKeys[0], second.preparedKeys[0]]).toEqual([
      `processing/run-a/${partName}`,
      `processing/run-b/${partName}`,
    ]);
  });

  it('matches codes exactly at the start of a line, and counts and samples the lines it drops', async () => {
    const body = [
      'H1|1',
      '1,|not a code',
      'D1|2',
      'XX|3',
      'D|short',
      'H1|4',
      'D2|5',
      'TRL0000000007',
      '',
    ].join('\n');
    const store = await storeWith(claimsKey, body);
    const prepared = await prepare(store, claimsKey, claimsParentRule());
    expect(prepared.split).toEqual({
      parts: [
        { code: 'H1', key: headerKey, records: 2 },
        { code: 'D1', key: detailKey, records: 1 },
      ],
      dropped: 4,
      droppedSample: ['1,|not a code', 'XX|3', 'D|short', 'D2|5'],
    });
  });

  it('writes no part for a code without lines', async () => {
    const store = await storeWith(claimsKey, 'H1|1\r\nH1|2\r\nTRL0000000002\r\n');
    const prepared = await prepare(store, claimsKey, claimsParentRule());
    expect(prepared.split?.parts).toEqual([{ code: 'H1', key: headerKey, records: 2 }]);
    expect(store.keys('external_input/')).toEqual([headerKey, claimsKey].sort());
    expect(text(store.bytes(headerKey))).toBe('H1|1\nH1|2\n');
  });

  it('releases no part into the input folder when the parent fails its trailer check', async () => {
    const store = await storeWith(claimsKey, 'H1|1\nD1|1\nTRL0000000003\n');
    const error = await rejection(prepare(store, claimsKey, claimsParentRule()));
    expect(error.message).toBe('trailer says 3 records, file has 2');
    expect(store.keys()).toEqual([claimsKey]);
  });

  it('takes back released parts when one part cannot be copied into the input folder', async () => {
    const store = await storeWith(claimsKey, sample('CLAIMS_20240102_700.txt'));
    const copy = store.copy.bind(store);
    store.copy = async (from, to) => {
      if (to.endsWith('-D1.txt')) throw new Error('copy refused');
      return copy(from, to);
    };
    const error = await rejection(prepare(store, claimsKey, claimsParentRule()));
    expect(error.message).toBe('copy refused');
    expect(store.keys()).toEqual([claimsKey]);
  });

  it('prefers the longer code when one code begins another, and ends a last line without newline', async () => {
    const store = await storeWith(claimsKey, 'H1|a\nH12|b\nH1|c');
    const rule = claimsParentRule({ trailer: undefined, split: { codes: ['H1', 'H12'] } });
    const prepared = await prepare(store, claimsKey, rule);
    expect(prepared.split?.parts.map((p) => [p.code, p.records])).toEqual([
      ['H1', 2],
      ['H12', 1],
    ]);
    expect(text(store.bytes(headerKey))).toBe('H1|a\nH1|c\n');
  });

  it('writes gzip parts with a .gz name when the parent is gzip', async () => {
    const key = 'external_input/CLAIMS_20240102_700.txt.gz';
    const store = await storeWith(key, gzipSync(sample('CLAIMS_20240102_700.txt')));
    const prepared = await prepare(store, key, claimsParentRule({ compression: 'gzip', fileType: 'gz' }));
    const parts = prepared.split!.parts;
    expect(parts.map((p) => p.key)).toEqual([
      'external_input/CLAIMS_20240102_700-20240102101112_700-H1.gz',
      'external_input/CLAIMS_20240102_700-20240102101112_700-D1.gz',
    ]);
    expect(text(store.bytes(parts[0]!.key), true).split('\n').length).toBe(3);
  });
});

describe('prepareFile cutting gzip parts', () => {
  it('cuts N gzip parts at line ends, each readable on its own, every record exactly once', async () => {
    const key = 'external_input/BIG_20240101_527.txt';
    const records = flavorRecords(20_000);
    const body = `flavor_id|flavor_code\n${records.join('\n')}\nTRL${String(records.length).padStart(10, '0')}\n`;
    const store = await storeWith(key, body, 1000);
    const rule = flavorRule({ header: true, output: { compression: 'gzip', parts: 4 } });
    const prepared = await prepare(store, key, rule);
    expect(prepared.load).toEqual({
      keys: [1, 2, 3, 4].map((i) => `processing/run-1/BIG_20240101_527.txt.part-000${i}.gz`),
      compression: 'gzip',
      hasHeader: false,
    });
    const parts = prepared.load!.keys.map((partKey) => gunzipSync(store.bytes(partKey)!).toString('utf8'));
    for (const part of parts) expect(part.endsWith('\n')).toBe(true);
    expect(parts.join('').split('\n').slice(0, -1)).toEqual(records);
    const target = Math.ceil(body.length / 4);
    for (const part of parts) expect(part.length).toBeLessThan(target + 100);
    expect(Math.min(...parts.map((part) => part.length))).toBeGreaterThan(target / 2);
  });

  it('writes a single gzip copy named .gz when only compression is asked for', async () => {
    const key = 'external_input/BIG_20240101_527.txt';
    const store = await storeWith(key, `${flavorRecords(3).join('\n')}\n`);
    const rule = flavorRule({ trailer: undefined, output: { compression: 'gzip', parts: 1 } });
    const prepared = await prepare(store, key, rule);
    expect(prepared.load).toEqual({
      keys: ['processing/run-1/BIG_20240101_527.txt.gz'],
      compression: 'gzip',
      hasHeader: false,
    });
    expect(text(store.bytes('processing/run-1/BIG_20240101_527.txt.gz'), true)).toBe(
      `${flavorRecords(3).join('\n')}\n`,
    );
  });

  it('writes one empty part when a file with parts asked for holds no records', async () => {
    const key = 'external_input/EMPTY_527.txt';
    const store = await storeWith(key, '\n\n');
    const prepared = await prepare(
      store,
      key,
      flavorRule({ trailer: undefined, output: { compression: 'gzip', parts: 3 } }),
    );
    expect(prepared.records).toBe(0);
    expect(prepared.load?.keys).toEqual(['processing/run-1/EMPTY_527.txt.part-0001.gz']);
    expect(text(store.bytes('processing/run-1/EMPTY_527.txt.part-0001.gz'), true)).toBe('');
  });

  it('gives fewer parts than asked for rather than empty ones', async () => {
    const key = 'external_input/TWO_527.txt';
    const store = await storeWith(key, 'a|1\nb|2\n');
    const prepared = await prepare(
      store,
      key,
      flavorRule({ trailer: undefined, output: { compression: 'none', parts: 5 } }),
    );
    expect(prepared.load?.keys).toEqual([
      'processing/run-1/TWO_527.txt.part-0001',
      'processing/run-1/TWO_527.txt.part-0002',
    ]);
    expect(prepared.load?.keys.map((k) => text(store.bytes(k)))).toEqual(['a|1\n', 'b|2\n']);
  });

  it('cuts gzip input into balanced parts, extrapolating the size from the compression ratio', async () => {
    const key = 'external_input/BIG_20240101_527.txt.gz';
    const records = Array.from(
      { length: 400_000 },
      (_, i) => `${i}|F${(i * 7919) % 100_003}|${(i * 104_729) % 99_991}.25|Y`,
    );
    const compressed = gzipSync(`${records.join('\n')}\n`);
    expect(compressed.length).toBeGreaterThan(3 << 20);
    const store = await storeWith(key, compressed);
    const rule = flavorRule({
      trailer: undefined,
      compression: 'gzip',
      output: { compression: 'gzip', parts: 3 },
    });
    const prepared = await prepare(store, key, rule);
    const parts = prepared.load!.keys.map((k) => gunzipSync(store.bytes(k)!).toString('utf8'));
    expect(prepared.records).toBe(400_000);
    expect(parts.join('').split('\n').slice(0, -1)).toEqual(records);
    expect(parts).toHaveLength(3);
    const sizes = parts.map((part) => part.length);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.25);
  });

  it('gives a compressed input too small to judge its ratio by a single part', async () => {
    const key = 'external_input/SMALL_527.txt.gz';
    const store = await storeWith(key, gzipSync(`${flavorRecords(100).join('\n')}\n`));
    const rule = flavorRule({
      trailer: undefined,
      compression: 'gzip',
      output: { compression: 'gzip', parts: 3 },
    });
    const prepared = await prepare(store, key, rule);
    expect(prepared.load?.keys).toEqual(['processing/run-1/SMALL_527.txt.gz.part-0001.gz']);
    expect(text(store.bytes(prepared.load!.keys[0]!), true).split('\n')).toHaveLength(101);
  });
});
