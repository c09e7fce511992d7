// Problems that only show across rules: two rules claiming one token, split codes no rule takes.
import type { ConfigError } from '../errors.js';
import { checkRuleConflicts } from './check-rule-conflicts.js';
import type { Rule } from './rule.js';
import { RuleProblems } from './rule-problems.js';

export function checkRuleSet(rules: readonly Rule[]): ConfigError[] {
  return [...sharedTokens(rules), ...orphanSplitCodes(rules), ...checkRuleConflicts(rules)];
}

/** Two token rules with one token make every such file fail as ambiguous. */
function sharedTokens(rules: readonly Rule[]): ConfigError[] {
  const firstByToken = new Map<string, Rule>();
  const errors: ConfigError[] = [];
  for (const rule of rules.filter((r) => r.pattern === undefined)) {
    const first = firstByToken.get(rule.token);
    if (first === undefined) {
      firstByToken.set(rule.token, rule);
      continue;
    }
    const problems = new RuleProblems(rule.id);
    problems.add(
      'file_prefix',
      `token '${rule.token}' is also the token of rule ${first.id}: a file would match both`,
    );
    errors.push(...problems.errors);
  }
  return errors;
}

/** Each record type of a split parent becomes a part with token `<token>-<code>`, which needs its own rule. */
function orphanSplitCodes(rules: readonly Rule[]): ConfigError[] {
  const tokens = new Set(rules.filter((r) => r.pattern === undefined).map((r) => r.token));
  const errors: ConfigError[] = [];
  for (const parent of rules) {
    const problems = new RuleProblems(parent.id);
    for (const code of parent.split?.codes ?? []) {
      const part = `${parent.token}-${code}`;
      if (!tokens.has(part)) {
        problems.add(
          'split_prefix',
          `record type '${code}' has no active rule with file_prefix '${part}.' to load its part`,
        );
      }
    }
    errors.push(...problems.errors);
  }
  return errors;
}
