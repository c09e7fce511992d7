// JSON 'auto' records: one JSON object per line (the stand-in does not read objects spanning lines).
import type { CopyCommand } from './copy-command.js';
import type { RawRecord } from './raw-record.js';
import type { Line } from './read-lines.js';

export async function* jsonRecords(
  lines: AsyncIterable<Line>,
  command: CopyCommand,
  columns: readonly string[],
): AsyncGenerator<RawRecord> {
  for await (const line of lines) {
    if (line.error) {
      yield { lineNumber: line.number, rawLine: line.text, error: line.error };
      continue;
    }
    if (line.text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch (error) {
      yield {
        lineNumber: line.number,
        rawLine: line.text,
        error: { code: 1224, message: `Invalid JSON: ${String(error)}` },
      };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield {
        lineNumber: line.number,
        rawLine: line.text,
        error: { code: 1224, message: 'Expected a JSON object per line' },
      };
      continue;
    }
    yield {
      lineNumber: line.number,
      rawLine: line.text,
      fields: pick(parsed as Record<string, unknown>, columns, command),
    };
  }
}

function pick(
  object: Record<string, unknown>,
  columns: readonly string[],
  command: CopyCommand,
): (string | null)[] {
  const keys = new Map<string, string>();
  for (const key of Object.keys(object)) keys.set(command.jsonIgnoreCase ? key.toLowerCase() : key, key);
  return columns.map((column) => {
    const key = keys.get(command.jsonIgnoreCase ? column.toLowerCase() : column);
    const value = key === undefined ? null : object[key];
    if (value === null || value === undefined) return null;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
