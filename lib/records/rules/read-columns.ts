// The target columns of a rule: active detail rows in `column_order_sqnc` order, names checked, widths for fixed width.

import { isIdentifier, maxIdentifierBytes } from '../../core/rules/identifier.js';
import type { RuleColumn } from '../../core/rules/rule.js';
import type { RuleProblems } from '../../core/rules/rule-problems.js';
import type { FileConfigDetailRow } from '../tables.js';

export type DetailRow = Pick<
  FileConfigDetailRow,
  'ext_file_config_dtl_sid' | 'column_name' | 'column_width_fixed' | 'column_order_sqnc' | 'oprtnl_flag'
>;

export function activeDetails<T extends DetailRow>(details: readonly T[]): T[] {
  return details
    .filter((detail) => detail.oprtnl_flag === 'A')
    .sort(
      (a, b) =>
        Number(a.column_order_sqnc) - Number(b.column_order_sqnc) ||
        a.ext_file_config_dtl_sid - b.ext_file_config_dtl_sid,
    );
}

export function readColumns(
  problems: RuleProblems,
  details: readonly DetailRow[],
  fixedWidth: boolean,
): RuleColumn[] {
  const seen = new Set<string>();
  return activeDetails(details).map((detail) => {
    const where = `(detail ${detail.ext_file_config_dtl_sid})`;
    const name = detail.column_name;
    if (!isIdentifier(name)) {
      problems.expected(
        'column_name',
        `an identifier [A-Za-z_][A-Za-z0-9_$]* of at most ${maxIdentifierBytes} bytes ${where}`,
        name,
      );
    } else if (seen.has(name.toLowerCase())) {
      // Redshift folds unquoted names to lower case, so `ID` and `id` are the same column.
      problems.add('column_name', `column '${name}' appears twice ${where}`);
    }
    seen.add(name.toLowerCase());
    if (!fixedWidth) return { name };
    const width = Number(detail.column_width_fixed);
    if (detail.column_width_fixed === null || !Number.isInteger(width) || width < 1) {
      problems.expected(
        'column_width_fixed',
        `a whole number >= 1 for every column of a fixed_width rule ${where}`,
        detail.column_width_fixed,
      );
      return { name };
    }
    return { name, width };
  });
}
