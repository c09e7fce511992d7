// The rules' target tables as the warehouse has them, for `ferry check` and `ferry explain`: the local stand-in, or
// Redshift through the Data API with --aws.

import type { ConfigError } from '../core/errors.js';
import type { Rule } from '../core/rules/rule.js';
import type { Warehouse } from '../ports/warehouse.js';
import { checkTargets } from './warehouse/check-targets.js';
import { readTableColumns } from './warehouse/read-table-columns.js';
import type { CliContext } from './workspace.js';

export async function targetProblems(
  context: CliContext,
  rules: Rule[],
  aws: boolean,
): Promise<ConfigError[]> {
  const targets = rules.flatMap((rule) => (rule.target ? [rule.target] : []));
  if (targets.length === 0) return [];
  const check = async (warehouse: Warehouse) =>
    checkTargets(rules, await readTableColumns(warehouse, targets, { pollMs: aws ? 500 : 10 }));
  if (aws) return (await import('./aws-warehouse.js')).withAwsWarehouse(context.env, check);
  const { withLocalRuntime } = await import('./local-runtime.js');
  return withLocalRuntime(context, (runtime) => check(runtime.warehouse), { pipeline: false });
}
