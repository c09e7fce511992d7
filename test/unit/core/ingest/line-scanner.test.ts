import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lib/core/errors.js';
import { LineScanner, type ScanOptions } from '../../../../lib/core/ingest/line-scanner.js';

interface Scanned {
  records: number;
  header?: string;
  trailer?: string;
  data: string;
  dataRecords: number;
}

function scan(chunks: (string | Buffer)[], options: ScanOptions): Scanned {
  const data: Buffer[] = [];
  let dataRecords = 0;
  const scanner = new LineScanner(options, {
    data(lines, records) {
      data.push(Buffer.from(lines));
      dataRecords += records;
    },
  });
  for (const chunk of chunks) scanner.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const result = scanner.end();
  return {
    records: result.records,
    header: result.header?.toString(),
    trailer: result.trailer?.toString(),
    data: Buffer.concat(data).toString(),
    dataRecords,
  };
}

const plain = { header: false, trailer: false };
const both = { header: true, trailer: true };

describe('LineScanner', () => {
  it('counts every non-blank line when there is no header or trailer', () => {
    expect(scan(['a|1\nb|2\nc|3\n'], plain)).toMatchObject({
      records: 3,
      data: 'a|1\nb|2\nc|3\n',
      dataRecords: 3,
    });
  });

  it('counts the last line when the file has no final newline', () => {
    expect(scan(['a\nb\nc'], plain)).toMatchObject({ records: 3, data: 'a\nb\nc' });
  });

  it('does not count empty or whitespace-only lines, with LF or CRLF endings', () => {
    expect(scan(['a\r\n\r\n  \t\r\nb\n\n \nc\r\n'], plain).records).toBe(3);
  });

  it('takes the first non-blank line as the header and the last as the trailer', () => {
    const result = scan(['\n\nid|name\r\n1|x\r\n\r\n2|y\r\nTRL0000000002\r\n\r\n  \n'], both);
    expect(result).toMatchObject({ records: 2, header: 'id|name', trailer: 'TRL0000000002', dataRecords: 2 });
    expect(result.data).toBe('1|x\r\n\r\n2|y\r\n');
  });

  it('holds the trailer back across chunks and releases it when more lines follow', () => {
    const result = scan(['1|a\n2|b\n', '3|c\n', '\n', 'TRL3', '\n'], { header: false, trailer: true });
    expect(result).toMatchObject({ records: 3, trailer: 'TRL3', data: '1|a\n2|b\n3|c\n' });
  });

  it('drops a UTF-8 BOM at the start, even when it is split over chunks', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id\n1\n')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const result = scan([bytes.subarray(0, cut), bytes.subarray(cut)], { header: true, trailer: false });
      expect(result).toMatchObject({ header: 'id', records: 1, data: '1\n' });
    }
  });

  it('keeps bytes that only begin like a BOM', () => {
    const bytes = Buffer.from('\ufefb|x\n', 'utf8');
    expect(scan([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)], plain).data).toBe(
      '\ufefb|x\n',
    );
  });

  it('keeps a BOM-like prefix of a file shorter than a BOM as data', () => {
    expect(scan([Buffer.from([0xef, 0xbb])], plain)).toMatchObject({ records: 1, data: '\ufffd' });
  });

  it('handles a line longer than many chunks', () => {
    const long = 'x'.repeat(1 << 20);
    const text = `head\n${long}\nTRL2\n`;
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += 64 * 1024) chunks.push(text.slice(at, at + 64 * 1024));
    const result = scan(chunks, { header: false, trailer: true });
    expect(result.records).toBe(2);
    expect(result.trailer).toBe('TRL2');
    expect(result.data).toBe(`head\n${long}\n`);
  });

  it('reports no trailer for an empty or all-blank input', () => {
    expect(scan([], { header: false, trailer: true })).toMatchObject({ records: 0, trailer: undefined });
    expect(scan([' \n\r\n\t'], { header: false, trailer: true })).toMatchObject({
      records: 0,
      trailer: undefined,
    });
  });

  it('reports no trailer when the only non-blank line is the header', () => {
    expect(scan(['id|name\n\n'], both)).toMatchObject({ records: 0, header: 'id|name', trailer: undefined });
  });

  it('keeps a lone CR at the very end of the input in the trailer, as splitting on \\r?\\n does', () => {
    expect(scan(['1\nTRL1\r'], { header: false, trailer: true }).trailer).toBe('TRL1\r');
  });
});

describe('LineScanner line length limit', () => {
  it('refuses a line longer than the limit, saying where it starts', () => {
    const scanner = new LineScanner({ header: false, trailer: true, maxLineBytes: 10 });
    scanner.push(Buffer.from('\ufeffok\n12345'));
    let error: unknown;
    try {
      scanner.push(Buffer.from('67890X'));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      'lines should be at most 10 bytes, found a longer one starting at byte 3 ' +
        '(a file without line endings, or not a text file)',
    );
  });

  it('accepts a line exactly at the limit', () => {
    const scanner = new LineScanner({ header: false, trailer: false, maxLineBytes: 10 });
    scanner.push(Buffer.from('1234'));
    scanner.push(Buffer.from('567890'));
    scanner.push(Buffer.from('\n'));
    expect(scanner.end().records).toBe(1);
  });
});
