// Every active rule of the config database, with the problems of the rows that do not make a valid rule.
import type { Kysely } from 'kysely';
import type { ConfigError } from '../../core/errors.js';
import { checkRuleSet } from '../../core/rules/check-rule-set.js';
import type { Rule } from '../../core/rules/rule.js';
import type { Database } from '../tables.js';
import { selectActiveConfigs, withInterfacesAndDetails } from './config-rows.js';
import { inspectRule } from './parse-rule.js';

export async function loadRules(db: Kysely<Database>): Promise<{ rules: Rule[]; problems: ConfigError[] }> {
  const rows = await withInterfacesAndDetails(db, await selectActiveConfigs(db));
  const rules: Rule[] = [];
  const problems: ConfigError[] = [];
  for (const { config, iface, details } of rows) {
    const inspected = inspectRule(config, iface, details);
    if (inspected.rule) rules.push(inspected.rule);
    problems.push(...inspected.problems);
  }
  return { rules, problems: [...problems, ...checkRuleSet(rules)] };
}
