// JSON 'auto' records: a sequence of JSON objects, each on one line or spread over several, side by side or not
// (the category_object_auto.json example, https://docs.aws.amazon.com/redshift/latest/dg/r_COPY_command_examples.html).
import type { CopyCommand } from './copy-command.js';
import { evaluateJsonPath, type JsonPath } from './json-paths.js';
import type { RawRecord, RecordError } from './raw-record.js';
import type { Line } from './read-lines.js';

/** Where an object being read started, and its text so far; only the current object is held in memory. */
interface PendingObject {
  lineNumber: number;
  text: string;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const notAnObject: RecordError = { code: 1224, message: 'Expected a JSON object' };

export async function* jsonRecords(
  lines: AsyncIterable<Line>,
  command: CopyCommand,
  columns: readonly string[],
  paths?: readonly JsonPath[],
): AsyncGenerator<RawRecord> {
  // With a JSONPaths file a record may also be an array ($[0], $[1], …).
  const opens = paths ? '{[' : '{';
  let pending: PendingObject | undefined;
  for await (const line of lines) {
    if (line.error) {
      pending = undefined;
      yield { lineNumber: line.number, rawLine: line.text, error: line.error };
      continue;
    }
    if (pending) pending.text += '\n';
    const text = line.text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (!pending) {
        if (c === ' ' || c === '\t' || c === '\r') continue;
        if (!opens.includes(c)) {
          yield { lineNumber: line.number, rawLine: text, error: notAnObject };
          break;
        }
        pending = { lineNumber: line.number, text: '', depth: 0, inString: false, escaped: false };
      }
      pending.text += c;
      if (pending.inString) {
        if (pending.escaped) pending.escaped = false;
        else if (c === '\\') pending.escaped = true;
        else if (c === '"') pending.inString = false;
      } else if (c === '"') pending.inString = true;
      else if (c === '{' || c === '[') pending.depth++;
      else if (c === '}' || c === ']') {
        pending.depth--;
        if (pending.depth === 0) {
          yield objectRecord(pending, command, columns, paths);
          pending = undefined;
        }
      }
    }
  }
  if (pending) {
    yield {
      lineNumber: pending.lineNumber,
      rawLine: pending.text,
      error: { code: 1224, message: 'Unterminated JSON object at end of file' },
    };
  }
}

function objectRecord(
  pending: PendingObject,
  command: CopyCommand,
  columns: readonly string[],
  paths: readonly JsonPath[] | undefined,
): RawRecord {
  const { lineNumber, text } = pending;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { lineNumber, rawLine: text, error: { code: 1224, message: `Invalid JSON: ${String(error)}` } };
  }
  if (paths && typeof parsed === 'object' && parsed !== null) {
    return {
      lineNumber,
      rawLine: text,
      fields: paths.map((path) => fieldOf(evaluateJsonPath(parsed, path))),
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { lineNumber, rawLine: text, error: notAnObject };
  }
  return { lineNumber, rawLine: text, fields: pick(parsed as Record<string, unknown>, columns, command) };
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
    return fieldOf(key === undefined ? null : object[key]);
  });
}

/** Nested values load as JSON text. */
function fieldOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
