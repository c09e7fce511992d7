// `ferry check`: validates every active rule and its COPY options; exit 1 when any problem is found.
import type { Command } from 'commander';
import type { ConfigError } from '../../core/errors.js';
import { findCopyOptionProblems } from '../../core/load-sql/copy-options.js';
import { loadRules } from '../../records/rules/load-rules.js';
import { exitCodes } from '../exit-codes.js';
import { formatJson } from '../output.js';
import { targetProblems } from '../warehouse-targets.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command('check')
    .description(
      'validate every active rule, and that each target table has its columns; print each problem with its rule sid and field',
    )
    .option('--aws', 'check the target tables in Redshift through the Data API (FERRY_REDSHIFT_* settings)')
    .addHelpText(
      'after',
      [
        '',
        'The target tables are looked up in the local stand-in, or in Redshift with --aws: each must exist and have',
        'every configured column plus file_name and target_transaction_timestamp.',
        '',
        'Example:',
        '  $ ferry check          # exit code 0: all rules valid, 1: problems listed',
        '',
      ].join('\n'),
    )
    .action(async (options: { aws?: boolean }) => {
      const { rules, problems } = await withConfigDatabase(context, (database) => loadRules(database.db));
      // A split parent is never loaded, so only rules with a target have COPY options to check.
      const loaded = rules.filter((rule) => rule.target !== undefined);
      const inWarehouse = await targetProblems(context, loaded, !!options.aws);
      const all = [...problems, ...loaded.flatMap(findCopyOptionProblems), ...inWarehouse].sort(
        (a, b) => (a.sid ?? 0) - (b.sid ?? 0),
      );
      if (context.json) {
        const listed = all.map((p) => ({
          sid: p.sid ?? null,
          field: p.field ?? null,
          message: describeProblem(p),
        }));
        context.output.out(formatJson({ rules: rules.length, problems: listed }));
      } else if (all.length === 0) {
        context.output.out(`${rules.length} active rules, no problems`);
      } else {
        context.output.out(all.map(describeProblem).join('\n'));
        context.output.err(`${all.length} problems in the active rules`);
      }
      if (all.length > 0) context.setExitCode(exitCodes.failure);
    });
}

/** `rule <sid> <field>: <what was expected, what was found>`, whichever module raised the problem. */
export function describeProblem(problem: ConfigError): string {
  const { sid, field } = problem;
  const prefix = `rule ${sid ?? '?'} ${field ?? '?'}: `;
  if (problem.message.startsWith(prefix)) return problem.message;
  return prefix + problem.message.replace(/^rule \d+:\s*/, '');
}
