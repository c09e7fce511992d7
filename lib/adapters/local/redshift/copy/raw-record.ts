// A record read from a load file before type checks: its fields, or why it could not be split into fields.

export interface RecordError {
  code: number;
  message: string;
}

export interface RawRecord {
  lineNumber: number;
  rawLine: string;
  /** null stands for a field that matched NULL AS. */
  fields?: (string | null)[];
  /** The line ended with an unquoted, unescaped delimiter (its last field is then empty). */
  trailingDelimiter?: boolean;
  error?: RecordError;
}

export const invalidUtf8Error: RecordError = {
  code: 1220,
  message: 'String contains invalid or unsupported UTF8 codepoints',
};
