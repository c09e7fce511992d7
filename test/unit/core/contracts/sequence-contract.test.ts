import { describe, expect, it } from 'vitest';
import {
  captureGroups,
  foundSequence,
  readSequence,
  standingOf,
} from '../../../../lib/core/contracts/sequence-contract.js';

describe('sequence contract', () => {
  it('reads the number from the file name through the one capture group, leading zeros and all', () => {
    const contract = { source: 'file_name', pattern: '_(\\d+)\\.txt$', policy: 'warn' } as const;
    expect(readSequence(contract, { fileName: 'ORDERS_000530.txt' })).toEqual({ sequence: 530n });
    expect(readSequence(contract, { fileName: 'ORDERS.txt' })).toEqual({
      problem:
        "expected the file name to hold a sequence number matching /_(\\d+)\\.txt$/, found 'ORDERS.txt'",
    });
  });

  it('reads the number from characters S:E of the header line', () => {
    const contract = { source: 'header', position: { start: 4, end: 10 }, policy: 'hold' } as const;
    expect(readSequence(contract, { fileName: 'x.txt', headerLine: 'HDR000042|2026' })).toEqual({
      sequence: 42n,
    });
    expect(readSequence(contract, { fileName: 'x.txt', headerLine: 'HDRabc' })).toEqual({
      problem: "expected a sequence number in characters 4:10 of the header line, found 'abc'",
    });
  });

  it('tells the first file, the next, a gap, a repeat and a step back apart, beyond 2^53', () => {
    const big = 9007199254740993n;
    expect(standingOf(undefined, 7n)).toEqual({ kind: 'first' });
    expect(standingOf(big, big + 1n)).toEqual({ kind: 'next' });
    expect(standingOf(big, big + 3n)).toEqual({ kind: 'gap', expected: big + 1n });
    expect(standingOf(big, big)).toEqual({ kind: 'repeat' });
    expect(standingOf(big, big - 2n)).toEqual({ kind: 'out-of-order', expected: big + 1n });
  });

  it('counts capture groups, so a pattern with none or two is refused by ferry check', () => {
    expect(captureGroups('_(\\d+)\\.txt$')).toBe(1);
    expect(captureGroups('_\\d+')).toBe(0);
    expect(captureGroups('(\\d+)_(\\d+)')).toBe(2);
    expect(captureGroups('(?:a)(\\d+)')).toBe(1);
  });

  it("takes a verdict's number from its found text", () => {
    expect(foundSequence([{ check: 'sequence', outcome: 'warned', found: '530, a gap' }])).toBe(530n);
    expect(foundSequence([{ check: 'control_count', outcome: 'passed', found: '12' }])).toBeUndefined();
  });
});
