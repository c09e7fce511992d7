// Fixed-width records: each line cut into fields by character widths (FIXEDWIDTH 'label:width,…').
import type { CopyCommand } from './copy-command.js';
import type { RawRecord } from './raw-record.js';
import type { Line } from './read-lines.js';

export async function* fixedWidthRecords(
  lines: AsyncIterable<Line>,
  command: CopyCommand,
): AsyncGenerator<RawRecord> {
  const widths = (command.fixedWidths ?? []).map((f) => f.width);
  for await (const line of lines) {
    if (line.error) {
      yield { lineNumber: line.number, rawLine: line.text, error: line.error };
      continue;
    }
    const chars = [...line.text];
    const fields: (string | null)[] = [];
    let at = 0;
    for (const width of widths) {
      if (at >= chars.length && !command.fillRecord) break;
      const value = chars.slice(at, at + width).join('');
      fields.push(value === command.nullAs || value.trim() === command.nullAs ? null : value);
      at += width;
    }
    yield { lineNumber: line.number, rawLine: line.text, fields };
  }
}
