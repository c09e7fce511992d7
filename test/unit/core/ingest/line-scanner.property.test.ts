import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineScanner } from '../../../../lib/core/ingest/line-scanner.js';
import { checkTrailer } from '../../../../lib/core/ingest/trailer.js';

/** The simple reference: decode, drop a BOM, split on /\r?\n/, ignore blank lines. */
function reference(text: string, options: { header: boolean; trailer: boolean }) {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const lines = body.split(/\r?\n/).filter((line) => !/^[ \t\r\v\f]*$/.test(line));
  const header = options.header ? lines.shift() : undefined;
  const trailer = options.trailer ? lines.pop() : undefined;
  return { records: lines.length, header, trailer, data: lines };
}

function scanChunks(chunks: Buffer[], options: { header: boolean; trailer: boolean }) {
  const data: Buffer[] = [];
  let dataRecords = 0;
  const scanner = new LineScanner(options, {
    data(lines, records) {
      data.push(Buffer.from(lines));
      dataRecords += records;
    },
  });
  for (const chunk of chunks) scanner.push(chunk);
  const result = scanner.end();
  return {
    records: result.records,
    header: result.header?.toString('utf8'),
    trailer: result.trailer?.toString('utf8'),
    data: Buffer.concat(data)
      .toString('utf8')
      .split(/\r?\n/)
      .filter((line) => !/^[ \t\r\v\f]*$/.test(line)),
    dataRecords,
    trailerStart: result.trailerStart,
  };
}

/** Cuts bytes at arbitrary points (including inside CRLF, BOM and multi-byte characters). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const cuts = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, at));
    from = at;
  }
  return chunks;
}

const piece = fc.constantFrom(
  'a',
  'Z',
  '|',
  '1',
  ' ',
  '\t',
  '\r',
  'é',
  '😀',
  '\ufeff',
  '\ufefb',
  'TRL0000000003',
);
const line = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
const ending = fc.constantFrom('\n', '\r\n');
const document = fc
  .record({
    bom: fc.boolean(),
    lines: fc.array(fc.tuple(line, ending), { maxLength: 12 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, lines, finalNewline }) => {
    let text = lines.map(([content, end]) => content + end).join('');
    if (!finalNewline && lines.length > 0) text = text.slice(0, -lines.at(-1)![1].length);
    return (bom ? '\ufeff' : '') + text;
  });
const options = fc.record({ header: fc.boolean(), trailer: fc.boolean() });
const cutPoints = fc.array(fc.nat(), { maxLength: 12 });

describe('LineScanner against the reference', () => {
  it('agrees on records, header, trailer and data lines for any text and any chunking', () => {
    fc.assert(
      fc.property(document, options, cutPoints, (text, opts, points) => {
        const expected = reference(text, opts);
        const actual = scanChunks(cut(Buffer.from(text, 'utf8'), points), opts);
        expect(actual.records).toBe(expected.records);
        expect(actual.dataRecords).toBe(expected.records);
        expect(actual.header).toBe(expected.header);
        expect(actual.trailer).toBe(expected.trailer);
        expect(actual.data).toEqual(expected.data);
        const bytes = Buffer.from(text, 'utf8');
        if (expected.trailer !== undefined) {
          const fromTrailer = bytes.subarray(actual.trailerStart).toString('utf8');
          expect(fromTrailer.startsWith(expected.trailer)).toBe(true);
          expect(fromTrailer.slice(expected.trailer.length)).toMatch(/^[ \t\r\n\v\f]*$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a trailer carrying the count of the records around it, however the file is cut', () => {
    const bodies = fc.array(fc.tuple(line, ending), { maxLength: 20 });
    fc.assert(
      fc.property(bodies, ending, fc.boolean(), cutPoints, (lines, end, finalNewline, points) => {
        const body = lines.map(([content, e]) => content + e).join('');
        const records = reference(body, { header: false, trailer: false }).records;
        fc.pre(records > 0);
        const text = `${body}TRL${String(records).padStart(10, '0')}${finalNewline ? end : ''}`;
        const result = scanChunks(cut(Buffer.from(text, 'utf8'), points), { header: false, trailer: true });
        expect(result.trailer).toBe(reference(text, { header: false, trailer: true }).trailer);
        expect(checkTrailer(result.trailer!, { start: 4, end: 14 }, result.records)).toBe(records);
      }),
      { numRuns: 1000 },
    );
  });
});
