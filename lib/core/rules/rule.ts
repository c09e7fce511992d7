// The validated, typed form of one config row and its columns: what the rest of Ferry works with.
import type { ArrivalContract } from '../contracts/arrival-contract.js';
import type { DuplicatePolicy, ResendPolicy } from '../contracts/content-policies.js';
import type { SequenceContract } from '../contracts/sequence-contract.js';

export const fileFormats = ['txt', 'csv', 'gz', 'bz2', 'lzo', 'fixed_width', 'json', 'parquet'] as const;
export type FileFormat = (typeof fileFormats)[number];

export const compressions = ['none', 'gzip', 'bzip2', 'lzop', 'zstd'] as const;
export type Compression = (typeof compressions)[number];

/** How the records are laid out once decompressed. */
export const layouts = ['delimited', 'csv', 'fixed_width', 'json', 'parquet'] as const;
export type Layout = (typeof layouts)[number];

export interface RuleColumn {
  name: string;
  /** Characters, fixed-width rules only. */
  width?: number;
}

export interface TrailerPosition {
  /** 1-based first character of the count. */
  start: number;
  /** 1-based character after the count (the original's `S:E` is Python's `[S-1:E-1]`). */
  end: number;
}

export interface Rule {
  id: number;
  interfaceId: string;
  interfaceName: string;
  /** Absent only on a split parent, which is cut into parts and never loaded itself. */
  target?: { schema: string; table: string };
  /** The original's matching token, without its trailing dot: `527` for file_prefix `527.`. */
  token: string;
  /** A glob over the file's base name; wins over the token when set. */
  pattern?: string;
  format: FileFormat;
  /** The file's last extension, e.g. `txt`, `gz`. */
  fileType: string;
  compression: Compression;
  layout: Layout;
  delimiter?: string;
  /** CSV quote character (Ferry's `csv_quote`); implies the CSV layout. */
  quote?: string;
  /** The original's `escape_char`: when set, COPY gets REMOVEQUOTES. */
  escapeChar?: string;
  /** `backslash_escape`: COPY gets ESCAPE (a backslash makes the next character data). */
  backslashEscape: boolean;
  header: boolean;
  /** `ignore_header_rows`: COPY skips this many lines (IGNOREHEADER n); absent, header_flag gives 1 or 0. */
  ignoreHeaderRows?: number;
  /** Compare the header's column names with `columns`. */
  checkHeader: boolean;
  trailer?: TrailerPosition;
  /** Record-type codes, from a comma-separated `split_prefix`. */
  split?: { codes: string[] };
  postLoadSql?: string;
  columns: RuleColumn[];
  minSizeBytes?: number;
  maxErrors?: number;
  /** Decompressed bytes allowed per compressed byte (the setting's default when absent). */
  maxExpansionRatio?: number;
  nullAs?: string;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  truncateColumns: boolean;
  fillRecord: boolean;
  trimBlanks: boolean;
  roundDecimals: boolean;
  /** ACCEPTINVCHARS, on unless `accept_inv_chars = 'N'`; `replacement` is Redshift's default '?' when absent. */
  acceptInvChars: { replacement?: string } | false;
  /** A JSONPaths file (s3://bucket/key, or a key in Ferry's bucket) instead of JSON 'auto'. */
  jsonPaths?: string;
  /** The original always sent ACCEPTANYDATE; `accept_any_date = 'N'` turns it off. */
  acceptAnyDate: boolean;
  dateFormat: string;
  timeFormat: string;
  output: { compression: 'none' | 'gzip'; parts: number };
  /** Control totals the trailer declares beside its record count (control_sum_*, control_hash_*). */
  controlTotals?: ControlTotals;
  /** `lineage_flag`: every loaded row carries its source line number and the object's version. */
  lineage?: { lineColumn: string; versionColumn: string };
  /** `duplicate_policy`: same content already loaded under another name (absent: load, today's behaviour). */
  duplicates?: DuplicatePolicy;
  /** `resend_policy`: a loaded name sent again with other content (absent: append, today's behaviour). */
  resend?: ResendPolicy;
  /** Sequence numbers per feed: where a file's number is read and what a gap does (sequence_* columns). */
  sequence?: SequenceContract;
  /** When a file of this feed is due (due_time, due_timezone, due_days). */
  arrival?: ArrivalContract;
}

export const hashAlgorithms = ['md5', 'sha256'] as const;
export type HashAlgorithm = (typeof hashAlgorithms)[number];

export interface ControlTotals {
  /** The column whose values are summed, and where the trailer declares the sum. */
  sum?: { column: string; position: TrailerPosition };
  /** Where the trailer declares the hex digest of the data lines, and which digest. */
  hash?: { algorithm: HashAlgorithm; position: TrailerPosition };
}

/** How many leading lines COPY skips: `ignore_header_rows`, else one for a header. */
export function headerRows(rule: Pick<Rule, 'header' | 'ignoreHeaderRows'>): number {
  return rule.ignoreHeaderRows ?? (rule.header ? 1 : 0);
}
