import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultCopyCommand } from '../../../../../lib/adapters/local/redshift/copy/copy-command.js';
import { csvRecords } from '../../../../../lib/adapters/local/redshift/copy/csv-records.js';
import { fixedWidthRecords } from '../../../../../lib/adapters/local/redshift/copy/fixed-width-records.js';
import { readLines, rowTooLongError } from '../../../../../lib/adapters/local/redshift/copy/read-lines.js';

const command = (overrides = {}) => ({ ...defaultCopyCommand({ name: 't' }, 's3://b/k'), ...overrides });
const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
// Chunks cut in the middle of a line and of a two-byte character.
const chunked = (...parts: Buffer[]) => Readable.from(parts);

describe('readLines', () => {
  it('joins lines and characters cut across chunks and numbers the lines', async () => {
    const bytes = Buffer.from('é1\nab\nlast');
    const lines = await collect(
      readLines(chunked(bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)), undefined),
    );
    expect(lines).toEqual([
      { number: 1, text: 'é1' },
      { number: 2, text: 'ab' },
      { number: 3, text: 'last' },
    ]);
  });

  it('flags invalid UTF-8, or replaces it when ACCEPTINVCHARS gives a character', async () => {
    const bad = Buffer.from([0x61, 0xc3, 0x28, 0x0a]);
    expect(await collect(readLines(chunked(bad), undefined))).toMatchObject([
      { number: 1, error: { code: 1220 } },
    ]);
    expect(await collect(readLines(chunked(bad), '?'))).toEqual([{ number: 1, text: 'a?(' }]);
  });

  it('rejects a line past the row limit with 1216, keeping only its start, and reads on after it', async () => {
    const long = Buffer.from(`${'x'.repeat(3000)}\nok\n${'y'.repeat(1500)}`);
    const pieces = [
      long.subarray(0, 700),
      long.subarray(700, 2500),
      long.subarray(2500, 4000),
      long.subarray(4000),
    ];
    expect(await collect(readLines(chunked(...pieces), undefined, 2000))).toEqual([
      { number: 1, text: 'x'.repeat(1024), error: rowTooLongError(3000) },
      { number: 2, text: 'ok' },
      { number: 3, text: 'y'.repeat(1500) },
    ]);
  });
});

describe('csvRecords', () => {
  it('keeps a quoted field open across lines and reports the record at its first line', async () => {
    const lines = readLines(chunked(Buffer.from('1,"two\nlines",x\n2,"say ""hi""",\n')), undefined);
    const records = await collect(csvRecords(lines, command({ format: 'csv', delimiter: ',' })));
    expect(records.map((r) => [r.lineNumber, r.fields])).toEqual([
      [1, ['1', 'two\nlines', 'x']],
      [3, ['2', 'say "hi"', '']],
    ]);
  });

  it('rejects a quote left open at the end of the file', async () => {
    const records = await collect(
      csvRecords(
        readLines(chunked(Buffer.from('1,"open\n')), undefined),
        command({ format: 'csv', delimiter: ',' }),
      ),
    );
    expect(records).toMatchObject([
      { lineNumber: 1, error: { code: 1214, message: 'Unterminated quoted field at end of file' } },
    ]);
  });
});

describe('fixedWidthRecords', () => {
  it('cuts by character widths, so multi-byte characters count once', async () => {
    const spec = {
      format: 'fixedwidth',
      fixedWidths: [
        { label: 'a', width: 3 },
        { label: 'b', width: 2 },
      ],
    };
    const records = await collect(
      fixedWidthRecords(readLines(chunked(Buffer.from('éab12\n')), undefined), command(spec)),
    );
    expect(records.map((r) => r.fields)).toEqual([['éab', '12']]);
  });
});
