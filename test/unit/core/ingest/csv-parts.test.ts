// output_parts on a CSV rule: parts break only where a record ends, never inside a quoted line feed.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultCopyCommand } from '../../../../lib/adapters/local/redshift/copy/copy-command.js';
import { csvRecords } from '../../../../lib/adapters/local/redshift/copy/csv-records.js';
import { readLines } from '../../../../lib/adapters/local/redshift/copy/read-lines.js';
import { CsvRecordEnds } from '../../../../lib/core/ingest/record-ends.js';
import { flavorRule } from '../../../support/sample-rules.js';
import { prepare, storeWith, text } from './prepare-fixtures.js';

/** Every record has a quoted field spanning three lines, a quoted delimiter and a doubled quote. */
function csvRecordsText(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${i + 1},"note ${i}\nsecond line, with a comma\nthird ""quoted"" line", "spaced ${i}",Y`,
  );
}

/** The stand-in's own CSV reader (Redshift's CSV rules): what COPY would make of one part. */
async function parseCsv(body: string) {
  const command = {
    ...defaultCopyCommand({ name: 't' }, 's3://b/k'),
    format: 'csv' as const,
    delimiter: ',',
  };
  const records = [];
  for await (const record of csvRecords(readLines(Readable.from([Buffer.from(body)]), undefined), command)) {
    records.push(record);
  }
  return records;
}

describe('prepareFile cutting CSV parts', () => {
  // https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-csv
  it('cuts a CSV file with quoted line feeds only at record ends, so every part loads on its own', async () => {
    const key = 'external_input/NOTES_20240101_527.csv';
    const records = csvRecordsText(3000);
    const body = `${records.join('\n')}\n`;
    // Small read chunks: quoted fields straddle the scanner's input many times.
    const store = await storeWith(key, body, 997);
    const rule = flavorRule({
      format: 'csv',
      fileType: 'csv',
      layout: 'csv',
      quote: '"',
      delimiter: ',',
      trailer: undefined,
      output: { compression: 'none', parts: 4 },
    });
    const prepared = await prepare(store, key, rule);
    expect(prepared.load?.keys).toHaveLength(4);
    const parts = prepared.load!.keys.map((partKey) => text(store.bytes(partKey)));
    expect(parts.join('')).toBe(body);
    let loaded = 0;
    for (const part of parts) {
      const parsed = await parseCsv(part);
      expect(parsed.filter((record) => record.error !== undefined)).toEqual([]);
      for (const record of parsed) expect(record.fields).toHaveLength(4);
      expect(parsed[0]?.fields?.[1]).toMatch(/^note \d+\nsecond line, with a comma\nthird "quoted" line$/);
      loaded += parsed.length;
    }
    expect(loaded).toBe(records.length);
    const target = Math.ceil(body.length / 4);
    for (const part of parts) expect(part.length).toBeLessThan(target + 200);
  });
});

describe('CsvRecordEnds', () => {
  it('keeps the quote state from one write to the next and finds the first record end after the asked offset', () => {
    const ends = new CsvRecordEnds('"', '|');
    const first = Buffer.from('1|"a\n');
    expect(ends.next(first, 0, 0)).toBe(-1);
    const second = Buffer.from('b""c\n"|x\n2|y\n');
    // The line feed after `b""c` is still inside the field; the one after `"|x` ends record 1.
    expect(ends.next(second, 0, 0)).toBe(8);
    expect(ends.next(second, 9, 9)).toBe(12);
  });

  it('treats a quote inside an unquoted field as data, as Redshift does', () => {
    const ends = new CsvRecordEnds('"', ',');
    const bytes = Buffer.from('1,ab"c\n2,d\n');
    expect(ends.next(bytes, 0, 0)).toBe(6);
  });
});
