// `ferry rules`: lists the active rules and a file name each one accepts.
import type { Command } from 'commander';
import { describeContracts } from '../../core/contracts/describe-contracts.js';
import { exampleFileName } from '../../core/rules/example-file-name.js';
import type { Rule } from '../../core/rules/rule.js';
import { loadRules } from '../../records/rules/load-rules.js';
import { formatJson, formatTable } from '../output.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

const columns = ['sid', 'interface', 'target', 'match', 'format', 'example'] as const;

export function registerRules(program: Command, context: CliContext): void {
  program
    .command('rules')
    .description(
      'list the active rules: sid, interface, target, token or glob, format, and a file name that matches',
    )
    .addHelpText('after', '\nExample:\n  $ ferry rules --json\n')
    .action(async () => {
      const { rules, problems } = await withConfigDatabase(context, (database) => loadRules(database.db));
      const listed = rules.map(describeRule);
      if (context.json) {
        context.output.out(formatJson(listed));
      } else {
        // The contract column shows only when a rule declares one, so feeds without contracts list as before.
        const shown = listed.some((rule) => rule.contract) ? [...columns, 'contract'] : columns;
        context.output.out(formatTable(shown, listed));
      }
      if (problems.length > 0) {
        context.output.err(
          `${problems.length} problems keep some rows from being listed; run \`ferry check\``,
        );
      }
    });
}

function describeRule(rule: Rule): Record<(typeof columns)[number], string> & { contract?: string } {
  const contracts = describeContracts(rule);
  return {
    sid: String(rule.id),
    interface: `${rule.interfaceId} ${rule.interfaceName}`,
    target: rule.target
      ? `${rule.target.schema}.${rule.target.table}`
      : `(split into ${rule.split?.codes.join(', ') ?? 'parts'})`,
    match: rule.pattern === undefined ? `token ${rule.token}` : `glob ${rule.pattern}`,
    format: rule.format,
    example: exampleFileName(rule) ?? '',
    ...(contracts.length > 0 && { contract: contracts.join('; ') }),
  };
}
