// Fixed-width records: each line cut into fields by character widths (FIXEDWIDTH 'label:width,…').
import type { CopyCommand } from './copy-command.js';
import type { RawRecord } from './raw-record.js';
import type { Line } from './read-lines.js';

const SURROGATE = /[\uD800-\uDFFF]/;

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
    // Widths count characters: a line without surrogate pairs is cut by string index, others by code point.
    const text = line.text;
    const chars = SURROGATE.test(text) ? [...text] : undefined;
    const length = chars ? chars.length : text.length;
    const fields: (string | null)[] = [];
    let at = 0;
    for (const width of widths) {
      if (at >= length && !command.fillRecord) break;
      const value = chars ? chars.slice(at, at + width).join('') : text.slice(at, at + width);
      fields.push(value === command.nullAs || value.trim() === command.nullAs ? null : value);
      at += width;
    }
    yield { lineNumber: line.number, rawLine: line.text, fields };
  }
}
