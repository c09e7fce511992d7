import { describe, expect, it } from 'vitest';
import { createProgressLine, describeProgress } from '../../../lib/cli/progress.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('the progress line', () => {
  it('describes bytes, share, records and rate', () => {
    expect(describeProgress({ label: 'a.txt', size: 48 << 20, bytes: 12 << 20, records: 120000 }, 2)).toBe(
      'a.txt  12.0/48.0 MB (25%)  120,000 records  6.0 MB/s',
    );
  });

  it('draws on one line of a terminal and clears it when done', () => {
    let now = 0;
    const { stream, written } = terminal(true);
    const line = createProgressLine(stream, { json: false, now: () => now, intervalMs: 100 });
    line.update({ label: 'a.txt', size: 8 << 20, bytes: 0 });
    now = 50;
    line.update({ label: 'a.txt', size: 8 << 20, bytes: 2 << 20 });
    now = 1000;
    line.update({ label: 'a.txt', size: 8 << 20, bytes: 8 << 20, records: 10 });
    line.done();
    expect(written).toEqual([
      '\ra.txt  0.0/8.0 MB (0%)\x1b[K',
      '\ra.txt  8.0/8.0 MB (100%)  10 records  8.0 MB/s\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('stays quiet when not a terminal, with --json, and for small files', () => {
    const piped = terminal(false);
    createProgressLine(piped.stream, { json: false }).update({ label: 'a', size: 64 << 20, bytes: 1 });
    const json = terminal(true);
    createProgressLine(json.stream, { json: true }).update({ label: 'a', size: 64 << 20, bytes: 1 });
    const small = terminal(true);
    const line = createProgressLine(small.stream, { json: false });
    line.update({ label: 'a', size: 1000, bytes: 1000 });
    line.done();
    expect([piped.written, json.written, small.written]).toEqual([[], [], []]);
  });
});
