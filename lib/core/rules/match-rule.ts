// Which config rows a file name matches: a rule's glob when it has one, else the original's exact token.
import picomatch from 'picomatch';
import { fileToken } from './file-name.js';
import { present } from './read-fields.js';

export interface MatchFields {
  file_prefix: string;
  file_pattern: string | null;
}

/** True when the rule's glob accepts the base name; a glob that does not compile matches nothing. */
export function patternMatches(pattern: string, name: string): boolean {
  try {
    return picomatch.isMatch(name, pattern, { dot: true });
  } catch {
    return false;
  }
}

/** The original's rule: file_prefix is the file's token followed by '.', compared exactly (not LIKE). */
export function tokenMatches(filePrefix: string, name: string): boolean {
  return filePrefix === `${fileToken(name)}.`;
}

/** Rows whose glob matches win; only when none does are the token rules (rows without a glob) consulted. */
export function matchingConfigs<T extends MatchFields>(rows: readonly T[], name: string): T[] {
  const byPattern = rows.filter((row) => {
    const pattern = present(row.file_pattern);
    return pattern !== undefined && patternMatches(pattern, name);
  });
  if (byPattern.length > 0) return byPattern;
  return rows.filter((row) => present(row.file_pattern) === undefined && tokenMatches(row.file_prefix, name));
}
