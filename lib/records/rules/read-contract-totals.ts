// Reads a rule's control totals (control_sum_*, control_hash_*) and row lineage (lineage_flag) from its config row.
import { present, readFlag, readTrailerPosition } from '../../core/rules/read-fields.js';
import {
  type ControlTotals,
  type HashAlgorithm,
  hashAlgorithms,
  type Rule,
  type TrailerPosition,
} from '../../core/rules/rule.js';
import type { RuleProblems } from '../../core/rules/rule-problems.js';
import type { FileConfigRow } from '../tables.js';

/** The target columns row lineage fills; the user adds them to the target table. */
export const lineageColumns = { lineColumn: 'source_line_number', versionColumn: 'source_version' } as const;

type Fields = Pick<
  FileConfigRow,
  | 'control_sum_column'
  | 'control_sum_pstn'
  | 'control_hash_pstn'
  | 'control_hash_algorithm'
  | 'lineage_flag'
  | 'trailer_flag'
>;
type Shape = Pick<Rule, 'layout' | 'columns' | 'trailer' | 'split' | 'fillRecord'>;

export function readControlTotals(
  problems: RuleProblems,
  config: Fields,
  rule: Shape,
): ControlTotals | undefined {
  const column = present(config.control_sum_column)?.trim();
  const sumAt = present(config.control_sum_pstn);
  const hashAt = present(config.control_hash_pstn);
  const algorithm = present(config.control_hash_algorithm)?.trim().toLowerCase();
  if (column === undefined && sumAt === undefined && hashAt === undefined && algorithm === undefined)
    return undefined;
  for (const [field, value] of [
    ['control_sum_pstn', sumAt],
    ['control_hash_pstn', hashAt],
  ] as const) {
    if (value !== undefined && config.trailer_flag !== 'Y')
      problems.add(field, `is set but trailer_flag is not 'Y': control totals are read from the trailer`);
  }
  const totals: ControlTotals = {};
  if (sumAt !== undefined && column === undefined)
    problems.expected(
      'control_sum_column',
      'the column whose values the trailer sums, as control_sum_pstn is set',
      null,
    );
  if (column !== undefined && sumAt === undefined)
    problems.expected(
      'control_sum_pstn',
      "the sum's 'S:E' in the trailer, as control_sum_column is set",
      null,
    );
  if (column !== undefined && !rule.columns.some((c) => c.name.toLowerCase() === column.toLowerCase())) {
    const names = rule.columns.map((c) => c.name).join(', ');
    problems.expected('control_sum_column', `one of the rule's columns (${names})`, column);
  }
  if (column !== undefined && (rule.layout === 'json' || rule.layout === 'parquet'))
    problems.add(
      'control_sum_column',
      `a ${rule.layout} file's values cannot be summed while it is read; expected a delimited, CSV or fixed_width rule`,
    );
  const sumPosition =
    sumAt === undefined ? undefined : readTrailerPosition(problems, sumAt, 'control_sum_pstn');
  if (column !== undefined && sumPosition) totals.sum = { column, position: sumPosition };
  if (algorithm !== undefined && hashAt === undefined)
    problems.expected(
      'control_hash_pstn',
      "the digest's 'S:E' in the trailer, as control_hash_algorithm is set",
      null,
    );
  if (algorithm !== undefined && !(hashAlgorithms as readonly string[]).includes(algorithm))
    problems.expected(
      'control_hash_algorithm',
      `one of ${hashAlgorithms.join(', ')} (sha256 when null)`,
      algorithm,
    );
  const hashPosition =
    hashAt === undefined ? undefined : readTrailerPosition(problems, hashAt, 'control_hash_pstn');
  if (hashPosition)
    totals.hash = { algorithm: (algorithm as HashAlgorithm | undefined) ?? 'sha256', position: hashPosition };
  checkOverlaps(problems, [
    ['trailer_pstn', rule.trailer],
    ['control_sum_pstn', sumPosition],
    ['control_hash_pstn', hashPosition],
  ]);
  return totals.sum || totals.hash ? totals : undefined;
}

function checkOverlaps(problems: RuleProblems, spans: [string, TrailerPosition | undefined][]): void {
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const [aField, a] = spans[i]!;
      const [bField, b] = spans[j]!;
      if (a && b && a.start < b.end && b.start < a.end)
        problems.add(
          bField,
          `characters ${b.start}-${b.end - 1} overlap ${aField}'s ${a.start}-${a.end - 1} in the trailer`,
        );
    }
  }
}

export function readLineage(problems: RuleProblems, config: Fields, rule: Shape): Rule['lineage'] {
  if (!readFlag(problems, 'lineage_flag', config.lineage_flag, false)) return undefined;
  if (rule.layout === 'json' || rule.layout === 'parquet') {
    problems.add(
      'lineage_flag',
      `is 'Y' on a ${rule.layout} rule; line numbers are loaded as a field of delimited, CSV or fixed_width records`,
    );
  }
  if (rule.split) {
    problems.add(
      'lineage_flag',
      "is 'Y' on a split parent, which is never loaded; set it on the parts' rules",
    );
  }
  const taken = rule.columns.find((c) =>
    Object.values(lineageColumns).includes(c.name.toLowerCase() as (typeof lineageColumns)['lineColumn']),
  );
  if (taken)
    problems.add('lineage_flag', `expected data columns only, found ${taken.name}, which lineage fills`);
  return { ...lineageColumns };
}
