import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sampleFileBytes, sampleFiles } from '../../../sql/samples/sample-files.js';

const checkedIn = (name: string): Buffer =>
  readFileSync(new URL(`../../../sql/samples/files/${name}`, import.meta.url));
const textOf = (name: string): string => sampleFiles.find((file) => file.name === name)!.text;
const linesOf = (name: string): string[] => textOf(name).trimEnd().split('\n');
const trailerCount = (line: string): number => Number(line.slice(3, 13));

describe('sample files', () => {
  it.each(sampleFiles.filter((file) => !file.gzip).map((file) => file.name))(
    'checks in %s exactly as make-samples writes it',
    (name) => {
      expect(checkedIn(name).toString('utf8')).toBe(textOf(name));
    },
  );

  it('checks in the gzip CSV with the text make-samples compresses, and a pinned header', () => {
    const bytes = checkedIn('hosp10_2014_RPT_558.csv.gz');
    expect(gunzipSync(bytes).toString('utf8')).toBe(textOf('hosp10_2014_RPT_558.csv.gz'));
    // mtime 0 and OS byte 3 keep regenerated output byte-identical on every machine with the same zlib.
    expect([...bytes.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
  });

  it('produces the same bytes every time it runs', () => {
    for (const file of sampleFiles) expect(sampleFileBytes(file).equals(sampleFileBytes(file))).toBe(true);
  });

  it('gives the 527 file a trailer matching its 6 records of 7 fields, one with an impossible date', () => {
    const lines = linesOf('PROD_20151015_150510973_PA_FLAVOR_527.txt');
    const records = lines.slice(0, -1);
    expect(trailerCount(lines.at(-1)!)).toBe(6);
    expect(records).toHaveLength(6);
    for (const record of records) expect(record.split('|')).toHaveLength(7);
    expect(records.filter((record) => record.split('|')[4] === '2015-02-30')).toHaveLength(1);
  });

  it('gives the failing 527 file a trailer that says 4 records while it has 3', () => {
    const lines = linesOf('PROD_20151016_090000000_PA_FLAVOR_527.txt');
    expect(trailerCount(lines.at(-1)!)).toBe(4);
    expect(lines.slice(0, -1)).toHaveLength(3);
  });

  it('gives the CSV a header and 8 rows, names with commas quoted', () => {
    const lines = linesOf('hosp10_2014_RPT_558.csv.gz');
    expect(lines[0]).toBe('hospital_id,hospital_name,report_date,beds,admissions');
    expect(lines).toHaveLength(9);
    expect(lines.filter((line) => /^\d+,"[^"]*(""[^"]*"")?[^"]*, [^"]+",/.test(line))).toHaveLength(6);
  });

  it('gives the fixed-width file 6 lines of exactly 10 + 20 + 8 + 12 characters', () => {
    const lines = linesOf('ACCT_20240101_600.dat');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toHaveLength(50);
    expect(lines[2]).toBe('AC00010003Lucia Fernandez     20210728     -250.75');
  });

  it('gives the claims file 2 H1 and 5 D1 records under a trailer of 7', () => {
    const lines = linesOf('CLAIMS_20240102_700.txt');
    const records = lines.slice(0, -1);
    expect(trailerCount(lines.at(-1)!)).toBe(7);
    expect(records.filter((record) => record.startsWith('H1|'))).toHaveLength(2);
    expect(records.filter((record) => record.startsWith('D1|'))).toHaveLength(5);
    for (const record of records) expect(record.split('|')).toHaveLength(record.startsWith('H1|') ? 4 : 5);
  });
});
