import { describe, expect, it } from 'vitest';
import { runSplit } from './split-writer-run.js';

describe('SplitWriter', () => {
  it('writes each code its lines in order, across writes, and opens objects in the order codes first appear', async () => {
    const result = await runSplit(['H1', 'D1'], ['D1|1\nH1|2\nD1|3\n', 'D1|4\nD1|5\nH1|6\n']);
    expect(result.parts).toEqual([
      { code: 'D1', text: 'D1|1\nD1|3\nD1|4\nD1|5\n', records: 4 },
      { code: 'H1', text: 'H1|2\nH1|6\n', records: 2 },
    ]);
  });

  it('copies long and short runs byte for byte, whatever their length', async () => {
    const long = (code: string, length: number) => `${code}|${'x'.repeat(length)}\n`;
    const lines = [
      long('H1', 2000),
      long('D1', 1),
      long('D1', 6),
      long('H1', 513),
      long('D1', 600),
      long('H1', 0),
    ];
    const result = await runSplit(['H1', 'D1'], [lines.join('')]);
    expect(result.parts.map((part) => part.text)).toEqual([
      lines[0]! + lines[3]! + lines[5]!,
      lines[1]! + lines[2]! + lines[4]!,
    ]);
  });

  it('ends a last line that has no line ending, in a part made of one run or of several', async () => {
    expect((await runSplit(['H1'], ['H1|a\nH1|b'])).parts[0]!.text).toBe('H1|a\nH1|b\n');
    const several = await runSplit(['H1', 'D1'], ['H1|a\nD1|b\nH1|c']);
    expect(several.parts.map((part) => part.text)).toEqual(['H1|a\nH1|c\n', 'D1|b\n']);
  });

  it('keeps a blank line with the run before it and drops blank lines that follow no kept line', async () => {
    const result = await runSplit(['H1', 'D1'], [' \nH1|a\n\t\nD1|b\nXX|c\n\nH1|d\n']);
    expect(result.parts).toEqual([
      { code: 'H1', text: 'H1|a\n\t\nH1|d\n', records: 2 },
      { code: 'D1', text: 'D1|b\n', records: 1 },
    ]);
  });

  it('counts every dropped line and samples the first five without their endings', async () => {
    const dropped = ['X1|a', 'X2|b\r', 'H|c', 'X3|d', 'X4|e', 'X5|f'];
    const result = await runSplit(
      ['H1'],
      [`${dropped.slice(0, 3).join('\n')}\nH1|1\n`, `${dropped.slice(3).join('\r\n')}`],
    );
    expect(result.dropped).toBe(6);
    expect(result.droppedSample).toEqual(['X1|a', 'X2|b', 'H|c', 'X3|d', 'X4|e']);
    expect(result.parts).toEqual([{ code: 'H1', text: 'H1|1\n', records: 1 }]);
  });

  it('opens no object when no line matches a code', async () => {
    const result = await runSplit(['H1'], ['', '\n \n', 'D1|1\n']);
    expect(result.parts).toEqual([]);
    expect(result.dropped).toBe(1);
  });
});
