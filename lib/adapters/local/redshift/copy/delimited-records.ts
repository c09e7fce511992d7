// Delimited text records (DELIMITER, ESCAPE, REMOVEQUOTES, NULL AS), one or more lines each.
import type { CopyCommand } from './copy-command.js';
import type { RawRecord } from './raw-record.js';
import { type Line, maxRowBytes, rowTooLongError } from './read-lines.js';

export async function* delimitedRecords(
  lines: AsyncIterable<Line>,
  command: CopyCommand,
): AsyncGenerator<RawRecord> {
  let carried: { number: number; text: string } | undefined;
  for await (const line of lines) {
    if (line.error) {
      yield { lineNumber: line.number, rawLine: line.text, error: line.error };
      continue;
    }
    const text = carried ? `${carried.text}\n${line.text}` : line.text;
    const number = carried?.number ?? line.number;
    // With ESCAPE, a backslash before the line feed keeps the line feed as data.
    if (command.escape && endsWithOddBackslashes(text)) {
      carried = { number, text: text.slice(0, -1) };
      // Escaped line feeds must not gather the rest of the file into one record: the row limit holds across lines.
      if (carried.text.length > maxRowBytes) {
        const error = rowTooLongError(Buffer.byteLength(carried.text));
        yield { lineNumber: number, rawLine: carried.text.slice(0, 1024), error };
        carried = undefined;
      }
      continue;
    }
    carried = undefined;
    yield { lineNumber: number, rawLine: text, fields: splitDelimited(text, command) };
  }
  if (carried)
    yield {
      lineNumber: carried.number,
      rawLine: carried.text,
      fields: splitDelimited(carried.text, command),
    };
}

function endsWithOddBackslashes(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

export function splitDelimited(text: string, command: CopyCommand): (string | null)[] {
  const fields: (string | null)[] = [];
  let value = '';
  let raw = '';
  let inQuotes = false;
  const finish = () => {
    fields.push(raw === command.nullAs ? null : value);
    value = '';
    raw = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (command.escape && c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      raw += c + text[i + 1];
      i++;
    } else if (command.removeQuotes && c === '"' && (inQuotes || raw === '')) {
      inQuotes = !inQuotes;
      raw += c;
    } else if (c === command.delimiter && !inQuotes) {
      finish();
    } else {
      value += c;
      raw += c;
    }
  }
  finish();
  return fields;
}
