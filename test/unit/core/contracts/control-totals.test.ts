import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ContractFailedError } from '../../../../lib/core/contracts/contract-error.js';
import type { Rule } from '../../../../lib/core/rules/rule.js';
import { flavorRule } from '../../../support/sample-rules.js';
import { prepare, rejection, storeWith } from '../ingest/prepare-fixtures.js';

const key = 'external_input/PROD_20240102_101112000_PA_FLAVOR_527.txt';
const names = (...columns: string[]) => columns.map((name) => ({ name }));

/** id|amount|note, a trailer `TRL<count, 5>|<sum, 12>|<hash, 64>`. */
function totalsRule(overrides: Partial<Rule> = {}): Rule {
  return flavorRule({
    columns: names('id', 'amount', 'note'),
    trailer: { start: 4, end: 9 },
    controlTotals: {
      sum: { column: 'amount', position: { start: 10, end: 22 } },
      hash: { algorithm: 'sha256', position: { start: 23, end: 87 } },
    },
    ...overrides,
  });
}

function trailer(count: number, sum: string, hash: string): string {
  return `TRL${String(count).padStart(5, '0')}|${sum.padStart(12, ' ')}|${hash}`;
}

/** The documented digest: every non-blank data line without its ending, each followed by one LF. */
function digestOf(lines: string[], algorithm = 'sha256'): string {
  return createHash(algorithm)
    .update(lines.map((line) => `${line}\n`).join(''))
    .digest('hex');
}

async function run(body: string, rule: Rule, chunkSize?: number) {
  return prepare(await storeWith(key, body, chunkSize), key, rule);
}

describe('control totals', () => {
  const data = ['1|0.1|a', '2|0.2|b', '3||c', '4|  -1.05 |d'];

  it('passes an exact sum (0.1 + 0.2 + -1.05 = -0.75) and a digest given in upper case, at any chunk size', async () => {
    const body = `${data.join('\n')}\n${trailer(4, '-0.75', digestOf(data).toUpperCase())}\n`;
    for (const chunkSize of [undefined, 1, 7]) {
      const prepared = await run(body, totalsRule(), chunkSize);
      expect(prepared.checks).toEqual([
        { check: 'control_count', outcome: 'passed', expected: '4 records', found: '4 records' },
        { check: 'control_sum', outcome: 'passed', expected: 'sum -0.75', found: 'sum -0.75 of 3 values' },
        {
          check: 'control_hash',
          outcome: 'passed',
          expected: `sha256 ${digestOf(data).toUpperCase()}`,
          found: `sha256 ${digestOf(data)}`,
        },
      ]);
    }
  });

  it('digests CRLF lines like LF lines and skips blank lines, so the same data has one digest', async () => {
    const body = `${data.join('\r\n')}\r\n\r\n   \r\n${trailer(4, '-0.75', digestOf(data))}\r\n`;
    const prepared = await run(body, totalsRule(), 5);
    expect(prepared.checks?.map((check) => check.outcome)).toEqual(['passed', 'passed', 'passed']);
  });

  it('fails a wrong sum with expected and found, keeping every verdict, and writes nothing', async () => {
    const body = `${data.join('\n')}\n${trailer(4, '0.3', digestOf(data))}\n`;
    const store = await storeWith(key, body);
    const error = (await rejection(prepare(store, key, totalsRule()))) as ContractFailedError;
    expect(error.message).toBe('control_sum failed: expected sum 0.3, found sum -0.75 of 3 values');
    expect(error.checks.map((check) => `${check.check}:${check.outcome}`)).toEqual([
      'control_count:passed',
      'control_sum:failed',
      'control_hash:passed',
    ]);
    expect(store.keys().filter((name) => name.startsWith('processing/'))).toEqual([]);
  });

  it('fails on a value that is not a number, naming its line and the value', async () => {
    const body = `H\n1|0.1|a\n\n2|12,5|b\n${trailer(2, '12.6', digestOf(['1|0.1|a', '2|12,5|b']))}\n`;
    const error = (await rejection(run(body, totalsRule({ header: true })))) as ContractFailedError;
    expect(error.checks[1]).toEqual({
      check: 'control_sum',
      outcome: 'failed',
      expected: 'sum 12.6 of numbers in column amount',
      found: "'12,5' on line 4, not a number",
    });
  });

  it('fails a changed digest, and md5 when the rule asks for it', async () => {
    const md5Rule = totalsRule({
      controlTotals: { hash: { algorithm: 'md5', position: { start: 23, end: 55 } } },
    });
    const good = `${data.join('\n')}\n${trailer(4, '', digestOf(data, 'md5'))}\n`;
    expect((await run(good, md5Rule)).checks?.[1]?.outcome).toBe('passed');
    const changed = good.replace('2|0.2|b', '2|0.2|B');
    const error = (await rejection(run(changed, md5Rule))) as ContractFailedError;
    expect(error.checks[1]).toMatchObject({ check: 'control_hash', outcome: 'failed' });
    expect(error.message).toContain(`expected md5 ${digestOf(data, 'md5')}`);
  });

  it('sums a CSV column whose quoted fields hold the delimiter, quotes and line feeds', async () => {
    const rule = totalsRule({
      layout: 'csv',
      quote: '"',
      delimiter: ',',
      controlTotals: { sum: { column: 'amount', position: { start: 10, end: 22 } } },
    });
    const rows = ['1,"1,000.50","a, b"', '2,"2.25","say ""hi"",\nsecond line"', '3, 0.25 ,c'];
    const body = `${rows.join('\n')}\nTRL00004|        3.00\n`;
    // The count is lines (the multi-line record counts twice, as the trailer check always has); the sum is records.
    const error = (await rejection(run(body, rule, 3))) as ContractFailedError;
    expect(error.checks[1]).toMatchObject({ found: "'1,000.50' on line 1, not a number" });
    const plain = ['1,"1000.50","a, b"', '2,"2.25","say ""hi"",\nsecond line"', '3, 0.25 ,c'];
    const prepared = await run(`${plain.join('\n')}\nTRL00004|     1003.00\n`, rule, 3);
    expect(prepared.checks?.[1]).toEqual({
      check: 'control_sum',
      outcome: 'passed',
      expected: 'sum 1003.00',
      found: 'sum 1003.00 of 3 values',
    });
  });

  it('sums a fixed-width column', async () => {
    const rule = totalsRule({
      layout: 'fixed_width',
      format: 'fixed_width',
      delimiter: undefined,
      columns: [
        { name: 'id', width: 3 },
        { name: 'amount', width: 8 },
        { name: 'note', width: 2 },
      ],
      controlTotals: { sum: { column: 'amount', position: { start: 10, end: 22 } } },
    });
    const body = ['001    1.25ab', '002        cd', '003   10.75ef', 'TRL00003|       12.00'].join('\n');
    const prepared = await run(`${body}\n`, rule, 4);
    expect(prepared.checks?.[1]).toMatchObject({ outcome: 'passed', found: 'sum 12.00 of 2 values' });
  });

  it("treats the rule's NULL AS text as a NULL, and honours backslash escapes of the delimiter", async () => {
    const rule = totalsRule({
      nullAs: '\\N',
      backslashEscape: true,
      columns: names('note', 'amount'),
      controlTotals: { sum: { column: 'amount', position: { start: 10, end: 22 } } },
    });
    const body = ['a\\|b|1.5', 'c|\\N', 'd|2'].join('\n');
    const prepared = await run(`${body}\nTRL00003|         3.5\n`, rule);
    expect(prepared.checks?.[1]).toMatchObject({ outcome: 'passed', found: 'sum 3.5 of 2 values' });
  });
});
