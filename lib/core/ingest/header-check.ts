// Compares a file's header line with the rule's column names, case-insensitively and in order.

import { TerminalError, ValidationError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { excerpt } from '../text/safe-text.js';

/** Splits a header on `delimiter`; with a quote character, quoted names may hold the delimiter and doubled quotes. */
export function headerNames(line: string, delimiter: string, quote?: string): string[] {
  if (!quote) return line.split(delimiter).map((name) => name.trim());
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (quoted) {
      if (line.startsWith(quote + quote, i)) {
        current += quote;
        i += quote.length * 2 - 1;
      } else if (line.startsWith(quote, i)) {
        quoted = false;
        i += quote.length - 1;
      } else current += line[i];
    } else if (line.startsWith(quote, i) && current.trim() === '') {
      quoted = true;
      current = '';
      i += quote.length - 1;
    } else if (line.startsWith(delimiter, i)) {
      names.push(current.trim());
      current = '';
      i += delimiter.length - 1;
    } else current += line[i];
  }
  names.push(current.trim());
  return names;
}

/** Fails listing both sides when the header's names differ from the rule's columns; returns the names found. */
export function checkHeader(
  line: string,
  rule: Pick<Rule, 'id' | 'layout' | 'delimiter' | 'quote' | 'columns'>,
): string[] {
  const delimiter = rule.delimiter ?? (rule.layout === 'csv' ? ',' : undefined);
  if (delimiter === undefined || (rule.layout !== 'delimited' && rule.layout !== 'csv')) {
    throw new TerminalError(
      `rule ${rule.id}: a header check needs a delimited or CSV layout with a delimiter, found layout '${rule.layout}'`,
    );
  }
  const quote = rule.layout === 'csv' ? (rule.quote ?? '"') : undefined;
  const found = headerNames(line.replace(/\r$/, ''), delimiter, quote);
  const expected = rule.columns.map((column) => column.name);
  const same =
    found.length === expected.length &&
    expected.every((name, i) => name.toLowerCase() === found[i]!.toLowerCase());
  if (!same) {
    throw new ValidationError(
      `header columns should be (${expected.join(', ')}), found (${excerpt(found.join(', '), 400)})`,
    );
  }
  return found;
}
