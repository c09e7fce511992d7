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
    yield delimitedRecord(number, text, command);
  }
  if (carried) yield delimitedRecord(carried.number, carried.text, command);
}

function delimitedRecord(lineNumber: number, rawLine: string, command: CopyCommand): RawRecord {
  const { fields, trailingDelimiter, openQuote } = scanDelimited(rawLine, command);
  if (openQuote) {
    // https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html (REMOVEQUOTES): a string
    // with an opening quotation mark and no closing one fails to load that row.
    return {
      lineNumber,
      rawLine,
      error: { code: 1214, message: `Unterminated quoted field (${openQuote})` },
    };
  }
  return trailingDelimiter
    ? { lineNumber, rawLine, fields, trailingDelimiter }
    : { lineNumber, rawLine, fields };
}

function endsWithOddBackslashes(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

export function splitDelimited(text: string, command: CopyCommand): (string | null)[] {
  return scanDelimited(text, command).fields;
}

// REMOVEQUOTES removes surrounding single or double quotation marks and keeps delimiters inside them.
const QUOTES = new Set(['"', "'"]);

function scanDelimited(
  text: string,
  command: CopyCommand,
): { fields: (string | null)[]; trailingDelimiter: boolean; openQuote?: string } {
  if (!command.escape && !command.removeQuotes && command.delimiter.length === 1)
    return splitPlain(text, command);
  const fields: (string | null)[] = [];
  let value = '';
  let raw = '';
  let quote: string | undefined;
  let trailingDelimiter = false;
  const finish = () => {
    fields.push(raw === command.nullAs ? null : value);
    value = '';
    raw = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    trailingDelimiter = false;
    if (command.escape && c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      raw += c + text[i + 1];
      i++;
    } else if (command.removeQuotes && quote === undefined && raw === '' && QUOTES.has(c)) {
      quote = c;
      raw += c;
    } else if (command.removeQuotes && c === quote) {
      quote = undefined;
      raw += c;
    } else if (c === command.delimiter && quote === undefined) {
      finish();
      trailingDelimiter = true;
    } else {
      value += c;
      raw += c;
    }
  }
  finish();
  return quote === undefined
    ? { fields, trailingDelimiter }
    : { fields, trailingDelimiter, openQuote: quote };
}

/**
 * The scan above without ESCAPE and REMOVEQUOTES: every character but the delimiter is data, so a field is the text
 * between two delimiters (found by the engine's own search) and its raw text is its value.
 */
function splitPlain(
  text: string,
  command: CopyCommand,
): { fields: (string | null)[]; trailingDelimiter: boolean } {
  const { delimiter, nullAs } = command;
  const fields: (string | null)[] = [];
  let start = 0;
  for (let at = text.indexOf(delimiter); at !== -1; at = text.indexOf(delimiter, start)) {
    const value = text.slice(start, at);
    fields.push(value === nullAs ? null : value);
    start = at + 1;
  }
  const last = text.slice(start);
  fields.push(last === nullAs ? null : last);
  return { fields, trailingDelimiter: text.length > 0 && start === text.length };
}
