// `ferry check`: validates every active rule and its COPY options; exit 1 when any problem is found.
import type { Command } from 'commander';
import { loadRules } from '../../config/load-rules.js';
import { findCopyOptionProblems } from '../../copy/copy-options.js';
import { exitCodes } from '../exit-codes.js';
import { formatJson } from '../output.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command('check')
    .description('validate every active rule; print each problem with its rule sid and field')
    .addHelpText(
      'after',
      '\nExample:\n  $ ferry check          # exit code 0: all rules valid, 1: problems listed\n',
    )
    .action(async () => {
      const { rules, problems } = await withConfigDatabase(context, (database) => loadRules(database.db));
      const all = [...problems, ...rules.flatMap(findCopyOptionProblems)].sort(
        (a, b) => (a.sid ?? 0) - (b.sid ?? 0),
      );
      if (context.json) {
        const listed = all.map((p) => ({ sid: p.sid ?? null, field: p.field ?? null, message: p.message }));
        context.output.out(formatJson({ rules: rules.length, problems: listed }));
      } else if (all.length === 0) {
        context.output.out(`${rules.length} active rules, no problems`);
      } else {
        context.output.out(all.map((p) => p.message).join('\n'));
        context.output.err(`${all.length} problems in the active rules`);
      }
      if (all.length > 0) context.setExitCode(exitCodes.failure);
    });
}
