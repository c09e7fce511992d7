// Problems a rule set passes at first sight but fails on later: a file two globs both match, post-load SQL that
// cannot render once its rows are loaded. Reported by `ferry check` (through checkRuleSet), naming the rules.

import { ConfigError } from '../errors.js';
import { renderPostLoadSql } from '../load-sql/placeholders.js';
import { exampleFileName } from './example-file-name.js';
import { commonName } from './glob-overlap.js';
import type { Rule } from './rule.js';
import { RuleProblems } from './rule-problems.js';

export function checkRuleConflicts(rules: readonly Rule[]): ConfigError[] {
  return [...overlappingPatterns(rules), ...rules.flatMap(unrenderablePostLoadSql)];
}

/** Two globs that accept one name: such a file fails as "matches more than one active rule" (find-rule.ts). */
function overlappingPatterns(rules: readonly Rule[]): ConfigError[] {
  const globbed = rules.filter((rule) => rule.pattern !== undefined);
  const errors: ConfigError[] = [];
  for (const [index, rule] of globbed.entries()) {
    const problems = new RuleProblems(rule.id);
    for (const earlier of globbed.slice(0, index)) {
      const name = commonName(earlier.pattern!, rule.pattern!);
      if (name === undefined) continue;
      problems.add(
        'file_pattern',
        `expected no file name to match two active rules, found '${name}' matching both '${rule.pattern}' and rule ${earlier.id}'s '${earlier.pattern}'`,
      );
    }
    errors.push(...problems.errors);
  }
  return errors;
}

/**
 * Renders the post-load SQL with values of the shape a run supplies, through the renderer the status function uses,
 * so a template check passes is one the load's success can run.
 */
function unrenderablePostLoadSql(rule: Rule): ConfigError[] {
  if (rule.postLoadSql === undefined) return [];
  try {
    renderPostLoadSql(
      rule.postLoadSql,
      {
        file_name: exampleFileName(rule) ?? `example.${rule.fileType}`,
        run_id: '00000000-0000-4000-8000-000000000000',
        loaded_at: '2024-01-01 00:00:00.000000',
        interface_cid: rule.interfaceId,
        target_table: rule.target ? `${rule.target.schema}.${rule.target.table}` : '',
      },
      rule.id,
    );
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = new RuleProblems(rule.id);
    problems.add('query', `${error.message} (the rows would load, then the run end TRANSFORM_FAILED)`);
    return problems.errors;
  }
}
