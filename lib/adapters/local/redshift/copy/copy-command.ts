// What a parsed Redshift COPY asks for: target, source and the data-format options the stand-in honours.

export const copyFormats = ['delimited', 'csv', 'fixedwidth', 'json', 'parquet', 'avro', 'orc'] as const;
export type CopyFormat = (typeof copyFormats)[number];

export const copyCompressions = ['none', 'gzip', 'bzip2', 'lzop', 'zstd'] as const;
export type CopyCompression = (typeof copyCompressions)[number];

export interface FixedWidthField {
  label: string;
  width: number;
}

export interface CopyCommand {
  /** The target as the user wrote it: schema optional, names unquoted. */
  table: { schema?: string; name: string };
  columns?: string[];
  /** `s3://bucket/key-or-prefix`, or the manifest's URL when `manifest` is set. */
  source: string;
  manifest: boolean;
  format: CopyFormat;
  delimiter: string;
  quote: string;
  fixedWidths?: FixedWidthField[];
  /** JSON 'auto' (case-sensitive keys) or 'auto ignorecase'. */
  jsonIgnoreCase: boolean;
  /** JSON 's3://…': the JSONPaths file naming each column's element. */
  jsonPaths?: string;
  compression: CopyCompression;
  removeQuotes: boolean;
  escape: boolean;
  ignoreHeader: number;
  ignoreBlankLines: boolean;
  nullAs: string;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  truncateColumns: boolean;
  /** The replacement character when ACCEPTINVCHARS is on. */
  acceptInvChars?: string;
  acceptAnyDate: boolean;
  dateFormat: string;
  timeFormat: string;
  maxError: number;
  fillRecord: boolean;
  trimBlanks: boolean;
  roundDecimals: boolean;
  noLoad: boolean;
  /** EXPLICIT_IDS: the file carries the IDENTITY columns' values. */
  explicitIds: boolean;
}

export function defaultCopyCommand(table: CopyCommand['table'], source: string): CopyCommand {
  return {
    table,
    source,
    manifest: false,
    format: 'delimited',
    delimiter: '|',
    quote: '"',
    jsonIgnoreCase: false,
    compression: 'none',
    removeQuotes: false,
    escape: false,
    ignoreHeader: 0,
    ignoreBlankLines: false,
    nullAs: '\\N',
    emptyAsNull: false,
    blanksAsNull: false,
    truncateColumns: false,
    acceptAnyDate: false,
    dateFormat: 'auto',
    timeFormat: 'auto',
    maxError: 0,
    fillRecord: false,
    trimBlanks: false,
    roundDecimals: false,
    noLoad: false,
    explicitIds: false,
  };
}
