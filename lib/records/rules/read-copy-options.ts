// Readers for the COPY options of migration 2026-12-02-013: each null column keeps the original's COPY.

import { present, readCount, readFlag } from '../../core/rules/read-fields.js';
import { type Compression, compressions, type FileFormat, type Rule } from '../../core/rules/rule.js';
import type { RuleProblems } from '../../core/rules/rule-problems.js';
import type { FileConfigRow } from '../tables.js';

/** The original's formats that name a compression; any other format is uncompressed unless `input_compression` says. */
export const compressionOf: Partial<Record<FileFormat, Compression>> = {
  gz: 'gzip',
  bz2: 'bzip2',
  lzo: 'lzop',
};

type CopyOptionFields = Pick<
  Rule,
  | 'compression'
  | 'backslashEscape'
  | 'ignoreHeaderRows'
  | 'fillRecord'
  | 'trimBlanks'
  | 'roundDecimals'
  | 'acceptInvChars'
  | 'jsonPaths'
>;

export function readCopyOptions(
  problems: RuleProblems,
  config: FileConfigRow,
  format: FileFormat | undefined,
): CopyOptionFields {
  const fields: CopyOptionFields = {
    compression: readCompression(problems, config.input_compression, format),
    backslashEscape: readFlag(problems, 'backslash_escape', config.backslash_escape, false),
    fillRecord: readFlag(problems, 'fill_record', config.fill_record, false),
    trimBlanks: readFlag(problems, 'trim_blanks', config.trim_blanks, false),
    roundDecimals: readFlag(problems, 'round_decimals', config.round_decimals, false),
    acceptInvChars: readAcceptInvChars(problems, config),
  };
  const ignoreHeaderRows = readCount(problems, 'ignore_header_rows', config.ignore_header_rows, 0);
  if (ignoreHeaderRows !== undefined) fields.ignoreHeaderRows = ignoreHeaderRows;
  const jsonPaths = present(config.json_paths);
  if (jsonPaths !== undefined) fields.jsonPaths = jsonPaths;
  return fields;
}

function readCompression(
  problems: RuleProblems,
  value: string | null,
  format: FileFormat | undefined,
): Compression {
  const implied = format && compressionOf[format];
  const given = present(value);
  if (given === undefined) return implied ?? 'none';
  if (!(compressions as readonly string[]).includes(given)) {
    problems.expected('input_compression', `one of ${compressions.join(', ')} or null`, value);
    return implied ?? 'none';
  }
  if (implied !== undefined && given !== implied) {
    problems.add('input_compression', `is '${given}' but file_format '${format}' means ${implied}`);
    return implied;
  }
  return given as Compression;
}

/**
 * ACCEPTINVCHARS [AS] 'replacement_char': any ASCII character except NULL, '?' by default
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html#copy-acceptinvchars).
 */
function readAcceptInvChars(problems: RuleProblems, config: FileConfigRow): Rule['acceptInvChars'] {
  const on = readFlag(problems, 'accept_inv_chars', config.accept_inv_chars, true);
  const replacement = config.inv_char_replacement ?? undefined;
  if (replacement !== undefined && !isAsciiCharacter(replacement)) {
    problems.expected('inv_char_replacement', 'one ASCII character other than NUL', replacement);
    return on && {};
  }
  if (!on && replacement !== undefined) {
    problems.add('inv_char_replacement', "is set but accept_inv_chars is 'N': nothing is replaced");
  }
  if (!on) return false;
  return replacement === undefined ? {} : { replacement };
}

function isAsciiCharacter(value: string): boolean {
  const code = value.charCodeAt(0);
  return value.length === 1 && code > 0 && code < 0x80;
}
