// CSV records (RFC 4180 with a configurable quote): quoted delimiters, doubled quotes and embedded line feeds.
import type { CopyCommand } from './copy-command.js';
import type { RawRecord } from './raw-record.js';
import { type Line, maxRowBytes, rowTooLongError } from './read-lines.js';

interface CsvState {
  fields: (string | null)[];
  value: string;
  quoted: boolean;
  inQuotes: boolean;
  lineNumber: number;
  rawLine: string;
}

export async function* csvRecords(
  lines: AsyncIterable<Line>,
  command: CopyCommand,
): AsyncGenerator<RawRecord> {
  let state: CsvState | undefined;
  for await (const line of lines) {
    if (line.error) {
      state = undefined;
      yield { lineNumber: line.number, rawLine: line.text, error: line.error };
      continue;
    }
    if (state) {
      state.value += '\n';
      state.rawLine += `\n${line.text}`;
    } else {
      state = {
        fields: [],
        value: '',
        quoted: false,
        inQuotes: false,
        lineNumber: line.number,
        rawLine: line.text,
      };
    }
    scan(state, line.text, command);
    // A quote left open must not gather the rest of the file into one record: the row limit holds across lines.
    if (state.inQuotes && state.rawLine.length > maxRowBytes) {
      const { lineNumber, rawLine } = state;
      state = undefined;
      yield {
        lineNumber,
        rawLine: rawLine.slice(0, 1024),
        error: rowTooLongError(Buffer.byteLength(rawLine)),
      };
      continue;
    }
    if (state.inQuotes) continue;
    endField(state, command);
    yield { lineNumber: state.lineNumber, rawLine: state.rawLine, fields: state.fields };
    state = undefined;
  }
  if (state) {
    yield {
      lineNumber: state.lineNumber,
      rawLine: state.rawLine,
      error: { code: 1214, message: 'Unterminated quoted field at end of file' },
    };
  }
}

const BLANK = /^[ \t]*$/;

function scan(state: CsvState, text: string, command: CopyCommand): void {
  const { quote, delimiter } = command;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (state.inQuotes) {
      if (c === quote && text[i + 1] === quote) {
        state.value += quote;
        i++;
      } else if (c === quote) state.inQuotes = false;
      else state.value += c;
    } else if (c === quote && !state.quoted && BLANK.test(state.value)) {
      // White space between a delimiter and a quoted field is ignored, before and after the quotes:
      // https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html (CSV).
      state.value = '';
      state.inQuotes = true;
      state.quoted = true;
    } else if (c === delimiter) endField(state, command);
    else if (!(state.quoted && (c === ' ' || c === '\t'))) state.value += c;
  }
}

function endField(state: CsvState, command: CopyCommand): void {
  // Only an unquoted field can stand for NULL.
  state.fields.push(!state.quoted && state.value === command.nullAs ? null : state.value);
  state.value = '';
  state.quoted = false;
}
