// `ferry reconcile`: one reconciler pass — runs whose statement event never came are finished from the statement.
import type { Command } from 'commander';
import { formatJson, formatTable } from '../output.js';
import { withPipelineTarget } from '../pipeline-target.js';
import type { CliContext } from '../workspace.js';

interface ReconcileOptions {
  aws?: boolean;
}

export function registerReconcile(program: Command, context: CliContext): void {
  program
    .command('reconcile')
    .description('finish runs whose statement status event never came, as the scheduled reconciler does')
    .option('--aws', 'the config database and Redshift of the AWS settings in the environment')
    .addHelpText(
      'after',
      [
        '',
        'Runs SUBMITTED (or LOADED with post-load SQL running) for FERRY_RECONCILE_AFTER_MINUTES (default 15)',
        'are described; an ended statement is recorded as its event would have been, a running one is left, and',
        'one the warehouse no longer knows fails the run (its file goes to archive/error/). At most',
        'FERRY_RECONCILE_MAX_RUNS (default 50) runs per pass. Exit 1 when a run could not be checked.',
        'The pass also releases held files now next in their feed, reports files held over an hour, and',
        'notifies (once per miss) feeds whose due time passed without a file.',
        '',
        'Examples:',
        '  $ ferry reconcile',
        '  $ FERRY_RECONCILE_AFTER_MINUTES=1 ferry reconcile --aws',
        '',
      ].join('\n'),
    )
    .action(async (options: ReconcileOptions) => {
      await withPipelineTarget(context, { aws: !!options.aws }, async (target) => {
        const report = await target.reconcile();
        await target.idle();
        const rows = report.runs.map((run) => ({
          run: run.runId,
          action: run.action,
          detail:
            run.action === 'running'
              ? run.status
              : run.action === 'error'
                ? run.error
                : outcomeText(run.outcome),
        }));
        if (context.json) context.output.out(formatJson({ ...report, runs: rows }));
        else if (rows.length === 0) context.output.out('no overdue runs');
        else context.output.out(formatTable(['run', 'action', 'detail'], rows));
        if (report.more) context.output.err('more overdue runs are waiting: run `ferry reconcile` again');
        for (const released of report.held.released)
          context.output.err(`held file ${released.key} released (next in line): ${released.status}`);
        if (report.held.overdue > 0)
          context.output.err(
            `${report.held.overdue} file(s) held longer than the limit: \`ferry status --held\``,
          );
        if (report.late > 0)
          context.output.err(`${report.late} feed(s) late, notified: \`ferry status --late\``);
        if (report.notified > 0)
          context.output.err(`published ${report.notified} notification(s) that no status event had sent`);
        if (rows.some((row) => row.action === 'error')) context.setExitCode(1);
      });
    });
}

function outcomeText(outcome: { result: string; state?: string; error?: string }): string {
  return [outcome.result, outcome.state, outcome.error].filter((part) => part !== undefined).join(' ');
}
