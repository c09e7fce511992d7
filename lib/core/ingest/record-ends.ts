// Where a record ends in a stream of whole lines: at every line feed, or, in CSV, only at a line feed outside quotes.
import type { Rule } from '../rules/rule.js';

const newline = 0x0a;
const space = 0x20;

export interface RecordEnds {
  /**
   * Scans `bytes` from `from` (where the previous call stopped) and returns the index of the first line feed at or
   * after `atLeast` that ends a record, or -1 when there is none (everything was scanned).
   */
  next(bytes: Buffer, from: number, atLeast: number): number;
}

/** Every line feed ends a record (delimited text, fixed width, JSON lines). */
export const lineEnds: RecordEnds = {
  next: (bytes, _from, atLeast) => (atLeast >= bytes.length ? -1 : bytes.indexOf(newline, atLeast)),
};

/**
 * CSV: a line feed inside a quoted field is data, so a record may span lines; cutting there would leave both parts
 * unloadable (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-csv, "fields
 * that contain … a carriage return or line feed … must be enclosed in the quote character"). A quote opens a quoted
 * field only at the start of a field (spaces before it are ignored, as Redshift does); inside, a doubled quote is a
 * literal quote and a single one closes the field. The state carries over from one call to the next, so a quoted
 * field may span any number of writes. Buffers hold whole lines, so a doubled quote never straddles two calls.
 */
export class CsvRecordEnds implements RecordEnds {
  private inQuotes = false;
  private readonly quote: Buffer;
  private readonly delimiter: Buffer;

  constructor(quote: string, delimiter: string) {
    this.quote = Buffer.from(quote, 'utf8');
    this.delimiter = Buffer.from(delimiter, 'utf8');
  }

  /** A byte loop: in quote-dense CSV it beats a native search (and a slice) per quote. */
  next(bytes: Buffer, from: number, atLeast: number): number {
    const first = this.quote[0];
    const width = this.quote.length;
    let inQuotes = this.inQuotes;
    const length = bytes.length;
    for (let at = from; at < length; at++) {
      const byte = bytes[at];
      if (byte === first && (width === 1 || this.quoteAt(bytes, at))) {
        if (!inQuotes) inQuotes = this.opensField(bytes, at);
        else if (width === 1 ? bytes[at + 1] === first : this.quoteAt(bytes, at + width)) at += width;
        else inQuotes = false;
        at += width - 1;
      } else if (byte === newline && !inQuotes && at >= atLeast) {
        this.inQuotes = false;
        return at;
      }
    }
    this.inQuotes = inQuotes;
    return -1;
  }

  private quoteAt(bytes: Buffer, at: number): boolean {
    return bytes.subarray(at, at + this.quote.length).equals(this.quote);
  }

  /** True when only spaces stand between the quote and the start of its line or the previous delimiter. */
  private opensField(bytes: Buffer, quoteAt: number): boolean {
    let at = quoteAt;
    while (at > 0 && bytes[at - 1] === space) at--;
    if (at === 0 || bytes[at - 1] === newline) return true;
    const start = at - this.delimiter.length;
    return start >= 0 && bytes.subarray(start, at).equals(this.delimiter);
  }
}

/** The record ends of a rule's layout; a fresh CSV scanner per output, since it keeps state. */
export function recordEndsOf(rule: Pick<Rule, 'layout' | 'quote' | 'delimiter'>): RecordEnds {
  return rule.layout === 'csv' ? new CsvRecordEnds(rule.quote ?? '"', rule.delimiter ?? ',') : lineEnds;
}
