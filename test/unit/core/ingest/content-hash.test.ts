import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flavorRule, hospitalRule } from '../../../support/sample-rules.js';
import { prepare, sample, storeWith } from './prepare-fixtures.js';

const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const flavorKey = 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt';
const jsonKey = 'external_input/EVENTS_20240101_900.json';
const jsonRule = () =>
  flavorRule({ format: 'json', fileType: 'json', layout: 'json', delimiter: undefined, trailer: undefined });

describe('the content hash of a prepared file', () => {
  it('hashes the bytes as stored in the pass that reads the file, across small chunks', async () => {
    const body = sample('PROD_20151015_150510973_PA_FLAVOR_527.txt');
    const store = await storeWith(flavorKey, body, 7);
    const prepared = await prepare(store, flavorKey, flavorRule());
    expect(prepared.sha256).toBe(sha256Of(body));
  });

  it('hashes a compressed file as stored (its gzip bytes), not its decompressed text', async () => {
    const key = 'external_input/hosp10_2014_RPT_558.csv.gz';
    const csv = 'hospital_id,hospital_name,report_date,beds,admissions\n1,A,2024-01-01,2,3\n';
    const body = gzipSync(csv);
    const store = await storeWith(key, body, 16);
    const prepared = await prepare(store, key, hospitalRule());
    expect(prepared.sha256).toBe(sha256Of(body));
    expect(prepared.sha256).not.toBe(sha256Of(csv));
  });

  it('hashes a CRLF file that is read twice (abandoned check, then rewrite) by its original bytes', async () => {
    const body = 'a|b|c|d|2024-01-01|1.00|Y\r\ne|f|g|h|2024-01-01|2.00|N\r\n';
    const store = await storeWith(flavorKey, body, 8);
    const prepared = await prepare(store, flavorKey, flavorRule({ trailer: undefined }));
    expect(prepared.preparedKeys).toHaveLength(1);
    expect(prepared.sha256).toBe(sha256Of(body));
  });

  it('leaves a file loaded as it is unread and unhashed unless a policy asks for the hash', async () => {
    const body = '{"a":1}\n{"a":2}\n';
    const store = await storeWith(jsonKey, body);
    const unread = await prepare(store, jsonKey, jsonRule());
    expect(unread).toMatchObject({ records: null, bytesRead: 0 });
    expect(unread.sha256).toBeUndefined();

    const hashed = await prepare(store, jsonKey, jsonRule(), { hashContent: true, size: body.length });
    expect(hashed).toMatchObject({ records: null, bytesRead: body.length, sha256: sha256Of(body) });
    expect(hashed.load).toEqual(unread.load);
    expect(store.puts).toEqual([]);
  });
});
