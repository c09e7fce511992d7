// Decides, from the rule alone, whether a file must be read and whether a prepared copy must be written.

import { TerminalError } from '../errors.js';
import type { Layout, Rule } from '../rules/rule.js';

export interface PreparationPlan {
  /** Some check or change needs the content, or its line endings must be looked at. */
  read: boolean;
  /** A prepared copy (or split parts) is written; otherwise the original object is loaded as it is. */
  write: boolean;
  /** Prepared objects are gzipped: asked for, or the input was compressed (keeps the copy about its size). */
  gzip: boolean;
  parts: number;
}

/**
 * COPY keeps a CRLF line's `\r` in the last field of a delimited, CSV or fixed-width line, so those files are always
 * read to look for one (and rewritten with LF endings when one is found). JSON treats `\r` as whitespace; parquet is
 * binary; lzop cannot be read here (a limitation SUPPORTED.md names).
 */
const lineLayouts: readonly Layout[] = ['delimited', 'csv', 'fixed_width'];

export function planPreparation(rule: Rule): PreparationPlan {
  const parts = Math.max(1, rule.output.parts);
  const gzip = rule.output.compression === 'gzip' || rule.compression !== 'none';
  const write =
    rule.trailer !== undefined ||
    rule.split !== undefined ||
    rule.lineage !== undefined ||
    parts > 1 ||
    (rule.output.compression === 'gzip' && rule.compression === 'none');
  const checked = write || rule.checkHeader;
  const read = checked || (lineLayouts.includes(rule.layout) && rule.compression !== 'lzop');
  if (checked && rule.layout === 'parquet') {
    throw new TerminalError(
      `rule ${rule.id}: parquet files are loaded as they are; expected no trailer, header check, split or output ` +
        'compression/parts for a parquet rule',
    );
  }
  if (checked && rule.compression === 'lzop') {
    throw new TerminalError(
      `rule ${rule.id}: lzop input cannot be validated by Ferry; set trailer N, header check N, split N and plain ` +
        'output so the file is loaded as it is',
    );
  }
  if (rule.checkHeader && !rule.header) {
    throw new TerminalError(`rule ${rule.id}: a header check needs header_flag Y, found header_flag N`);
  }
  return { read, write, gzip, parts };
}
