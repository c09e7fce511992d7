import { describe, expect, it } from 'vitest';
import {
  DecimalSum,
  formatDecimal,
  parseDecimal,
  sameDecimal,
} from '../../../../lib/core/contracts/decimal-sum.js';

function sumOf(...values: string[]): string {
  const sum = new DecimalSum();
  for (const value of values) {
    const bytes = Buffer.from(value);
    if (!sum.addBytes(bytes, 0, bytes.length)) throw new Error(`not a number: ${value}`);
  }
  return formatDecimal(sum.total());
}

describe('DecimalSum', () => {
  it('sums 0.1 and 0.2 to exactly 0.3, where floating point gives 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumOf('0.1', '0.2')).toBe('0.3');
  });

  it('scales every value to the largest scale seen', () => {
    expect(sumOf('1', '2.5', '-0.125', '+10')).toBe('13.375');
  });

  it('stays exact past 2^53 and for values of more than fifteen digits', () => {
    const big = '9007199254740993.01';
    expect(sumOf(big, big, '0.98')).toBe('18014398509481987.00');
    const many = Array.from({ length: 3000 }, () => '4503599627370495');
    expect(sumOf(...many)).toBe(String(4503599627370495n * 3000n));
  });

  it('allows surrounding spaces and refuses anything that is not a plain decimal', () => {
    expect(sumOf('  7 ', '.5', '3.')).toBe('10.5');
    const sum = new DecimalSum();
    for (const bad of ['1e3', '1,000', 'abc', '-', '.', '1.2.3', '12 3']) {
      expect(sum.addBytes(Buffer.from(bad), 0, bad.length), bad).toBe(false);
    }
    expect(sum.count).toBe(0);
  });

  it('compares decimals by value, not by their written scale', () => {
    expect(sameDecimal(parseDecimal('0.30')!, parseDecimal('.3')!)).toBe(true);
    expect(sameDecimal(parseDecimal('-1.5')!, parseDecimal('1.5')!)).toBe(false);
    expect(formatDecimal(parseDecimal('-0.05')!)).toBe('-0.05');
  });
});
