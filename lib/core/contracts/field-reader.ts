// Finds one column's value in a data record, the way COPY splits it: delimited, CSV (quotes) or fixed width.
import { headerNames } from '../ingest/header-check.js';
import type { Rule } from '../rules/rule.js';

const backslash = 0x5c;

/** A field as bytes of the record, or as text when it had to be unquoted; undefined when the record is short. */
export type Field = { bytes: Buffer; start: number; end: number } | { text: string } | undefined;

export type FieldReader = (record: Buffer, start: number, end: number) => Field;

type Layout = Pick<Rule, 'layout' | 'delimiter' | 'quote' | 'backslashEscape' | 'columns'>;

/** The reader of column `index`; undefined for a layout whose records are not lines of fields (JSON, parquet). */
export function fieldReader(rule: Layout, index: number): FieldReader | undefined {
  if (rule.layout === 'fixed_width') return fixedWidthReader(rule, index);
  if (rule.layout === 'csv') {
    const delimiter = rule.delimiter ?? ',';
    const quote = rule.quote ?? '"';
    // The header check's splitter: quoted fields may hold the delimiter, a doubled quote and line feeds.
    return (record, start, end) => ({
      text: headerNames(record.toString('utf8', start, end), delimiter, quote)[index] ?? '',
    });
  }
  if (rule.layout === 'delimited')
    return delimitedReader(Buffer.from(rule.delimiter ?? '|'), index, rule.backslashEscape);
  return undefined;
}

function delimitedReader(delimiter: Buffer, index: number, escapes: boolean): FieldReader {
  if (delimiter.length === 1 && !escapes) return byteDelimitedReader(delimiter[0]!, index);
  const width = delimiter.length;
  return (record, start, end) => {
    let fieldStart = start;
    for (let field = 0; field < index; field++) {
      const next = nextDelimiter(record, delimiter, fieldStart, end, escapes);
      if (next === -1) return undefined;
      fieldStart = next + width;
    }
    const next = nextDelimiter(record, delimiter, fieldStart, end, escapes);
    // As it stands in the file: NULL AS is compared with it before ESCAPE drops any backslash.
    return { bytes: record, start: fieldStart, end: next === -1 ? end : next };
  };
}

/**
 * The usual case, a one-byte delimiter without escapes: a plain byte loop over the line's first fields costs less
 * than a native search per field (most fields are a few bytes; a call costs more than scanning them).
 */
function byteDelimitedReader(delimiter: number, index: number): FieldReader {
  return (record, start, end) => {
    let field = 0;
    let fieldStart = start;
    for (let at = start; at < end; at++) {
      if (record[at] !== delimiter) continue;
      if (field === index) return { bytes: record, start: fieldStart, end: at };
      field++;
      fieldStart = at + 1;
    }
    return field === index ? { bytes: record, start: fieldStart, end } : undefined;
  };
}

function nextDelimiter(
  record: Buffer,
  delimiter: Buffer,
  from: number,
  end: number,
  escapes: boolean,
): number {
  if (escapes) return escapedIndexOf(record, delimiter, from, end);
  const at = from < end ? record.indexOf(delimiter, from) : -1;
  return at === -1 || at >= end ? -1 : at;
}

/** The next delimiter not preceded by an escaping backslash. */
function escapedIndexOf(record: Buffer, delimiter: Buffer, from: number, end: number): number {
  for (let at = from; at < end; at++) {
    if (record[at] === backslash) at++;
    else if (record[at] === delimiter[0] && record.subarray(at, at + delimiter.length).equals(delimiter))
      return at;
  }
  return -1;
}

/** FIXEDWIDTH widths are characters: the line is read as UTF-8 text and cut at the column's characters. */
function fixedWidthReader(rule: Layout, index: number): FieldReader {
  const offset = rule.columns.slice(0, index).reduce((sum, column) => sum + (column.width ?? 0), 0);
  const width = rule.columns[index]?.width ?? 0;
  return (record, start, end) => {
    const text = record.toString('utf8', start, end);
    if (text.length <= offset) return undefined;
    return { text: [...text].slice(offset, offset + width).join('') };
  };
}
