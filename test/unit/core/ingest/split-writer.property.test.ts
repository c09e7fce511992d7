import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../../../lib/core/text/safe-text.js';
import { runSplit, type SplitResult } from './split-writer-run.js';

const codes = ['H1', 'H12', 'D1', 'É1'];
const blank = /^[ \t\r\n\v\f]*$/;

/**
 * The obvious way: cut each write into lines, give each line to the longest code it starts with, drop the rest.
 * A blank line is not a record: it goes with the kept line before it in the same write, or nowhere.
 * Each write adds one piece per code, ended with a line ending if its last line had none.
 */
function reference(writes: string[]): SplitResult {
  const byLength = [...codes].sort((a, b) => b.length - a.length);
  const parts = new Map<string, { code: string; text: string; records: number }>();
  const result: SplitResult = { parts: [], dropped: 0, droppedSample: [] };
  for (const write of writes) {
    const pieces = new Map<string, string>();
    let current: string | undefined;
    for (const line of write.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      if (!blank.test(line)) current = byLength.find((code) => line.startsWith(code));
      if (current === undefined) {
        if (blank.test(line)) continue;
        result.dropped++;
        if (result.droppedSample.length < 5)
          result.droppedSample.push(excerpt(line.replace(/\r?\n$/, ''), 200));
        continue;
      }
      pieces.set(current, (pieces.get(current) ?? '') + line);
      if (blank.test(line)) continue;
      if (!parts.has(current)) parts.set(current, { code: current, text: '', records: 0 });
      parts.get(current)!.records++;
    }
    for (const [code, piece] of pieces) parts.get(code)!.text += piece.endsWith('\n') ? piece : `${piece}\n`;
  }
  result.parts = [...parts.values()];
  return result;
}

const start = fc.constantFrom('H1', 'H12', 'H', 'D1', 'D', 'É1', 'É', 'X9', ' ', '\t', '');
const rest = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9| \t\r]{0,9}$/),
  fc.nat({ max: 700 }).map((length) => `|${'x'.repeat(length)}`),
);
const line = fc.tuple(start, rest).map(([code, text]) => code + text);
/** Lines cut into writes at arbitrary line boundaries; only the very last line may lack its ending. */
const writes = fc
  .record({
    lines: fc.array(fc.tuple(line, fc.boolean()), { maxLength: 40 }),
    unended: fc.boolean(),
  })
  .map(({ lines, unended }) => {
    const cut: string[] = [''];
    for (const [text, cutAfter] of lines) {
      cut[cut.length - 1] += `${text}\n`;
      if (cutAfter) cut.push('');
    }
    if (unended) cut[cut.length - 1] = cut[cut.length - 1]!.replace(/\n$/, '');
    return cut;
  });

describe('SplitWriter on arbitrary lines', () => {
  it('writes the same parts, counts and dropped lines as the obvious reference, however the lines are cut', async () => {
    await fc.assert(
      fc.asyncProperty(writes, async (cut) => {
        expect(await runSplit(codes, cut)).toEqual(reference(cut));
      }),
      { numRuns: 300 },
    );
  });
});
