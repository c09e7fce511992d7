import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../lib/core/rules/rule.js';
import { flavorRule } from '../../../support/sample-rules.js';
import { prepare, storeWith, text } from './prepare-fixtures.js';

const key = 'external_input/PROD_20240102_101112000_PA_FLAVOR_527.txt';
const lineage = { lineColumn: 'source_line_number', versionColumn: 'source_version' };

async function prepared(body: string, rule: Rule, chunkSize?: number): Promise<string> {
  const store = await storeWith(key, body, chunkSize);
  const result = await prepare(store, key, rule, { etag: '"e"' });
  expect(result.load?.keys).toEqual([`processing/run-1/${key.split('/')[1]}`]);
  return text(store.bytes(result.load!.keys[0]!));
}

function nonBlank(body: string): string[] {
  return body.split('\n').filter((line) => line.trim() !== '');
}

describe('row lineage line numbers', () => {
  it('starts each record with its physical line, counting the header, blank lines and CRLF lines', async () => {
    const body = 'H|x\r\n\r\na|1\r\n  \r\nb|2\r\n\r\nc|3\r\nTRL00003\r\n\r\n';
    const rule = flavorRule({ header: true, trailer: { start: 4, end: 9 }, lineage });
    for (const chunkSize of [undefined, 1, 4, 9]) {
      // Blank lines may or may not pass through, depending on where chunks end; COPY skips them either way.
      expect(nonBlank(await prepared(body, rule, chunkSize))).toEqual(['3|a|1', '5|b|2', '7|c|3']);
    }
  });

  it('numbers a CSV record spanning lines once, by its first line, and uses the CSV delimiter', async () => {
    const body = 'id;note\n1;"two\nlines"\n\n2;"x;y"\nTRL00003\n';
    const rule = flavorRule({
      layout: 'csv',
      quote: '"',
      delimiter: ';',
      header: true,
      trailer: { start: 4, end: 9 },
      lineage,
    });
    for (const chunkSize of [undefined, 3]) {
      expect(nonBlank(await prepared(body, rule, chunkSize))).toEqual(['2;1;"two', 'lines"', '5;2;"x;y"']);
    }
  });

  it('zero-pads fixed-width line numbers to twelve characters, and rewrites a file without a trailer', async () => {
    const rule = flavorRule({
      layout: 'fixed_width',
      format: 'fixed_width',
      delimiter: undefined,
      trailer: undefined,
      columns: [{ name: 'id', width: 2 }],
      lineage,
    });
    expect(await prepared('01\n02', rule)).toBe('00000000000101\n00000000000202');
  });
});
