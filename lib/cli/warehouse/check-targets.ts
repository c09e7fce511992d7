// Problems only the warehouse can show: a rule's target table missing, or lacking a configured or stamping column.

import type { ConfigError } from '../../core/errors.js';
import { stampColumns } from '../../core/load-sql/copy-options.js';
import type { Rule } from '../../core/rules/rule.js';
import { RuleProblems } from '../../core/rules/rule-problems.js';
import { type TableColumns, tableKey } from './read-table-columns.js';

/** Every loading rule against the columns the warehouse reported (`readTableColumns`). */
export function checkTargets(rules: readonly Rule[], columns: TableColumns): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const rule of rules) {
    if (rule.target === undefined) continue;
    const problems = new RuleProblems(rule.id);
    const name = `${rule.target.schema}.${rule.target.table}`;
    const present = columns.get(tableKey(rule.target));
    if (present === undefined) {
      problems.add('tgt_table_name', `expected table ${name} in the warehouse, found no such table`);
    } else {
      const configured = rule.columns.map((c) => c.name).filter((c) => !present.has(c.toLowerCase()));
      if (configured.length > 0) {
        problems.add(
          'ext_file_config_dtl',
          `expected column ${configured.join(', ')} in ${name}, found none (it has ${[...present].join(', ')})`,
        );
      }
      const stamps = stampColumns.filter((c) => !present.has(c));
      if (stamps.length > 0) {
        problems.add(
          'tgt_table_name',
          `expected ${name} to have Ferry's stamping column ${stamps.join(', ')} (every loaded row gets its file ` +
            'name and load time), found none',
        );
      }
      const lineage = rule.lineage ? [rule.lineage.lineColumn, rule.lineage.versionColumn] : [];
      const missing = lineage.filter((c) => !present.has(c));
      if (missing.length > 0) {
        problems.add(
          'lineage_flag',
          `is 'Y', so ${name} needs the lineage column ${missing.join(', ')} (e.g. source_line_number bigint, ` +
            'source_version varchar(1024)), found none',
        );
      }
    }
    errors.push(...problems.errors);
  }
  return errors;
}
