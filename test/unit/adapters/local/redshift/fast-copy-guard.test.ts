// The fast path's byte guard on its own: what it hands PostgreSQL's COPY, whatever the chunks the file arrives in.
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { GuardPlan } from '../../../../../lib/adapters/local/redshift/copy/fast-copy-fields.js';
import {
  fastCopyGuard,
  guardReused,
} from '../../../../../lib/adapters/local/redshift/copy/fast-copy-guard.js';

const plan: GuardPlan = {
  fields: [
    { kind: 'int' },
    { kind: 'char', emptyAsNull: true, blanksAsNull: false, maxBytes: 6 },
    { kind: 'numeric', wholeDigits: 5, scale: 2 },
    { kind: 'date' },
    { kind: 'timestamp' },
  ],
  delimiter: '|'.charCodeAt(0),
  headerLines: 1,
  ignoreBlankLines: true,
  maxLineBytes: 4096,
};

/** What the guard passes on for `chunks`, or 'refused'. */
async function guarded(chunks: string[], with_: GuardPlan = plan): Promise<string> {
  try {
    const out = await buffer(Readable.from(chunks.map((c) => Buffer.from(c))).pipe(fastCopyGuard(with_)));
    return out.toString();
  } catch {
    return 'refused';
  }
}

const file = [
  'id|code|price|day|at',
  '1|ab|12.50|2024-01-02|2024-01-02 03:04:05',
  '',
  ' 2 ||-0.5| |2024-01-02 03:04:05.123456',
  '3|\\N|\\N||',
  '4|x y |00099999.99| 0001-01-01 |9999-12-31 23:59:59 ',
].join('\n');

describe('the fast COPY guard', () => {
  it('drops the header and blank lines and writes \\N where the checked path loads NULL, whatever the chunks', async () => {
    const expected = [
      '1|ab|12.50|2024-01-02|2024-01-02 03:04:05',
      ' 2 |\\N|-0.5|\\N|2024-01-02 03:04:05.123456',
      '3|\\N|\\N|\\N|\\N',
      '4|x y |00099999.99| 0001-01-01 |9999-12-31 23:59:59 ',
      '',
    ].join('\n');
    expect(await guarded([file])).toBe(expected);
    for (let at = 1; at < file.length; at++) {
      expect({ at, out: await guarded([file.slice(0, at), file.slice(at)]) }).toEqual({ at, out: expected });
    }
    expect(await guarded(file.split(''))).toBe(expected);
  });

  it('refuses a value outside the subset, a line of the wrong shape or past the row limit, wherever the chunks end', async () => {
    const refusals = [
      '1|ab|12.505|2024-01-02|2024-01-02 03:04:05',
      '1|ab|123456|2024-01-02|2024-01-02 03:04:05',
      '1|abcdefg||2024-01-02|2024-01-02 03:04:05',
      // PostgreSQL would cut the spaces past VARCHAR(6), Redshift rejects the row.
      '1|abcdef ||2024-01-02|2024-01-02 03:04:05',
      '1|ab||2024-1-02|2024-01-02 03:04:05',
      '1|ab||2024-01-02|2024-01-02 24:00:00',
      '1|ab||2024-01-02|2024-01-02 23:59:60',
      '1|ab||0000-01-01|',
      '1_000|ab||2024-01-02|',
      '1|é||2024-01-02|',
      '1|a\\b||2024-01-02|',
      '1|ab\r||2024-01-02|',
      '1|ab||2024-01-02',
      '1|ab||2024-01-02||',
      `1|${'x'.repeat(4096)}|||`,
    ];
    for (const line of refusals) {
      const text = `h\n1|ab|||\n${line}\n`;
      expect({ line, out: await guarded([text]) }).toEqual({ line, out: 'refused' });
      expect({ line, out: await guarded(text.split('')) }).toEqual({ line, out: 'refused' });
    }
    // Without IGNOREBLANKLINES PostgreSQL would read a blank line as a row: refused too.
    expect(await guarded(['h\n\n1|ab|||\n'], { ...plan, ignoreBlankLines: false })).toBe('refused');
  });

  describe('on fixed-width lines (widths 3, 6, 8, 8)', () => {
    const fixed: GuardPlan = {
      fields: [
        { kind: 'int' },
        { kind: 'char', emptyAsNull: false, blanksAsNull: true, maxBytes: 6 },
        { kind: 'numeric', wholeDigits: 5, scale: 2 },
        { kind: 'date', compact: true },
      ],
      delimiter: 0x09,
      widths: [3, 6, 8, 8],
      headerLines: 1,
      ignoreBlankLines: true,
      maxLineBytes: 4096,
    };
    const fixedFile = [
      'ID CODE  PRICE   DAY',
      '  1ab        1.5020240102',
      '',
      ' 22      -0.5    20241231 and more',
      '\\N \\N        \\N          ',
      '333abcdef99999.9900010101',
    ].join('\n');

    it('cuts each line at the widths into tab-delimited fields, blank and `\\N` fields as \\N, whatever the chunks', async () => {
      const expected = [
        '  1\tab    \t    1.50\t20240102',
        ' 22\t\\N\t-0.5    \t20241231',
        '\\N\t\\N\t\\N\t\\N',
        '333\tabcdef\t99999.99\t00010101',
        '',
      ].join('\n');
      expect(await guarded([fixedFile], fixed)).toBe(expected);
      for (let at = 1; at < fixedFile.length; at++) {
        const out = await guarded([fixedFile.slice(0, at), fixedFile.slice(at)], fixed);
        expect({ at, out }).toEqual({ at, out: expected });
      }
      expect(await guarded(fixedFile.split(''), fixed)).toBe(expected);
    });

    it('refuses a short line, a tab, a backslash in a value, a value outside the subset', async () => {
      const refusals = [
        '  1ab        1.5020240102'.slice(0, -1),
        '  1ab\t       1.5020240102',
        '  1a\\b       1.5020240102',
        '  1ab        1.5052024010',
        '  1ab        1.5020241301',
        '  1ab        1.502024-1-2',
        '  xab        1.5020240102',
        '  1ab        1.50 2024010',
        '  1ab        1.00000000000',
      ];
      for (const line of refusals) {
        const text = `h\n  1ab        1.5020240102\n${line}\n`;
        expect({ line, out: await guarded([text], fixed) }).toEqual({ line, out: 'refused' });
      }
      expect(await guarded(['h\n\n'], { ...fixed, ignoreBlankLines: false })).toBe('refused');
    });
  });

  describe('on CSV lines', () => {
    const csv: GuardPlan = {
      fields: [
        { kind: 'int' },
        { kind: 'char', emptyAsNull: false, blanksAsNull: false, maxBytes: 12 },
        { kind: 'date' },
      ],
      delimiter: ','.charCodeAt(0),
      quote: '"'.charCodeAt(0),
      headerLines: 1,
      ignoreBlankLines: true,
      maxLineBytes: 4096,
    };
    const csvFile = [
      'id,"name, full",day',
      '1,"Smith, John",2024-01-02',
      '',
      '"2","say ""hi""",',
      '\\N,,"2024-01-03"',
      '4,"",""',
    ].join('\n');

    it('unquotes fields, undoubles quotes and escapes a quoted delimiter, whatever the chunks', async () => {
      const expected = ['1,Smith\\, John,2024-01-02', '2,say "hi",\\N', '\\N,,2024-01-03', '4,,\\N', ''].join(
        '\n',
      );
      expect(await guarded([csvFile], csv)).toBe(expected);
      for (let at = 1; at < csvFile.length; at++) {
        const out = await guarded([csvFile.slice(0, at), csvFile.slice(at)], csv);
        expect({ at, out }).toEqual({ at, out: expected });
      }
      expect(await guarded(csvFile.split(''), csv)).toBe(expected);
    });

    it('refuses what csv-records.ts reads differently or the guard cannot vouch for', async () => {
      const refusals = [
        '1,"a\nb",2024-01-02',
        '1,"ab" ,2024-01-02',
        '1, "ab",2024-01-02',
        '1,"ab"c,2024-01-02',
        '1,a"b,2024-01-02',
        '1,"a\\b",2024-01-02',
        '1,"\\N",2024-01-02',
        '1,"ab,2024-01-02',
        '1,"abcdefghijklm",2024-01-02',
        '"1,5",ab,2024-01-02',
        '1,ab',
        '1,ab,2024-01-02,',
      ];
      for (const line of refusals) {
        const text = `h\n1,ab,2024-01-02\n${line}\n`;
        expect({ line, out: await guarded([text], csv) }).toEqual({ line, out: 'refused' });
      }
    });
  });

  describe('over one reused buffer, with a line suffix', () => {
    const suffixed: GuardPlan = { ...plan, lineSuffix: Buffer.from('|f.txt|2024-06-01 12:00:00') };

    /** The file's bytes through one buffer, overwritten (with 0xff, then the next bytes) for each chunk. */
    async function* reused(text: string, size: number): AsyncGenerator<Buffer> {
      const bytes = Buffer.from(text);
      const buffer = Buffer.alloc(size);
      for (let at = 0; at < bytes.length; at += size) {
        buffer.fill(0xff);
        const length = bytes.copy(buffer, 0, at, at + size);
        yield buffer.subarray(0, length);
      }
      buffer.fill(0xff);
    }

    /** Every line handed on, copied as it comes, and the buffer scribbled over after each. */
    async function collect(text: string, size: number): Promise<string> {
      const out: Buffer[] = [];
      for await (const lines of guardReused(reused(text, size), suffixed)) out.push(lines);
      return Buffer.concat(out).toString();
    }

    it('hands on the same lines, stamped, as the stream guard on chunks it may keep, for every chunk size', async () => {
      const expected = await guarded([file], suffixed);
      expect(expected).toContain('|f.txt|2024-06-01 12:00:00\n');
      expect(expected.split('\n').filter(Boolean)).toHaveLength(4);
      for (let size = 1; size <= file.length; size++) {
        expect({ size, out: await collect(file, size) }).toEqual({ size, out: expected });
      }
    });

    it('is refused a plan without a suffix, whose lines would be views of the buffer', async () => {
      const withoutSuffix = guardReused(reused(file, 8), plan);
      await expect(withoutSuffix.next()).rejects.toThrow(/line suffix/);
    });
  });
});
