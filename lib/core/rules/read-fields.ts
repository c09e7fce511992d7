// Readers for the config columns that need more than a copy: Y/N flags, trailer positions, split codes, counts.
import type { TrailerPosition } from './rule.js';
import type { RuleProblems } from './rule-problems.js';

/** Text that is absent when null or blank. */
export function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** A Y/N flag; a null optional flag takes `fallback`. Anything else is a problem (the original read non-'Y' as N). */
export function readFlag(
  problems: RuleProblems,
  field: string,
  value: string | null,
  fallback?: boolean,
): boolean {
  if (value === 'Y') return true;
  if (value === 'N') return false;
  if (value === null && fallback !== undefined) return fallback;
  problems.expected(field, "'Y' or 'N'", value);
  return fallback ?? false;
}

const trailerShape = /^\s*(\d+)\s*:\s*(\d+)\s*$/;

/** The original's `S:E`: characters S to E-1 of the trailer, counting from 1. */
export function readTrailerPosition(
  problems: RuleProblems,
  value: string | null,
  field = 'trailer_pstn',
): TrailerPosition | undefined {
  const match = trailerShape.exec(value ?? '');
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || start < 1 || start >= end) {
    problems.expected(field, "'S:E' with integers 1 <= S < E (e.g. '4:14') when trailer_flag is 'Y'", value);
    return undefined;
  }
  return { start, end };
}

/** Record-type codes from a comma-separated `split_prefix` (the original matched it as a substring). */
export function readSplitCodes(problems: RuleProblems, value: string | null): string[] | undefined {
  const codes = (value ?? '').split(',').map((code) => code.trim());
  const unique = new Set(codes);
  if (codes.some((code) => code === '') || unique.size !== codes.length) {
    problems.expected(
      'split_prefix',
      "a comma-separated list of distinct record-type codes (e.g. 'H1,D1') when split_file_flag is 'Y'",
      value,
    );
    return undefined;
  }
  // A part is named `<stem>-<stamp>_<token>-<code>.<ext>` and matched by the text after its last '_' before the first
  // '.': a code holding one of these would cut the name elsewhere (or make a folder) and the part match another rule.
  const cutting = codes.find((code) => /[_./\\\p{Cc}]/u.test(code));
  if (cutting !== undefined) {
    problems.add(
      'split_prefix',
      `expected record-type codes without '_', '.', '/', '\\' or control characters (they cut the part's name, so the part would match another rule), found '${cutting}' in '${value}'`,
    );
    return undefined;
  }
  return codes;
}

/** An optional whole number no smaller than `min`. */
export function readCount(
  problems: RuleProblems,
  field: string,
  value: number | string | null,
  min: number,
): number | undefined {
  if (value === null) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < min) {
    problems.expected(field, `a whole number >= ${min}`, value);
    return undefined;
  }
  return count;
}
