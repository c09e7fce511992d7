// `ferry release KEY|ID`: a file held by its feed's sequence contract is processed now, the gap ignored.
import type { Command } from 'commander';
import { FerryError } from '../../core/errors.js';
import { heldRuns } from '../../records/held-runs.js';
import { runOutcomes } from '../../records/outcomes.js';
import type { Run } from '../../records/run.js';
import { describeOutcome, exitCodeOf } from '../file-outcome.js';
import { formatJson } from '../output.js';
import { type PipelineTarget, withPipelineTarget } from '../pipeline-target.js';
import { findRun } from '../run-lookup.js';
import type { CliContext } from '../workspace.js';

export function registerRelease(program: Command, context: CliContext): void {
  program
    .command('release')
    .description('process a file held by its sequence contract now, ignoring the gap (verdict warned)')
    .argument('<key-or-id>', 'the held object key (or its file name in the input), a run id, or an audit id')
    .option('--aws', 'the S3 bucket, config database and Redshift of the AWS settings in the environment')
    .addHelpText(
      'after',
      [
        '',
        'A held file waits in the input until the missing sequence number loads; `ferry status --held` lists them.',
        '',
        'Examples:',
        '  $ ferry status --held',
        '  $ ferry release external_input/ORDERS_00042.txt',
        '',
      ].join('\n'),
    )
    .action(async (keyOrId: string, options: { aws?: boolean }) => {
      await withPipelineTarget(context, { aws: !!options.aws }, async (target) => {
        const run = await heldRun(target, keyOrId);
        const result = await target.release(run);
        if (result.status === 'skipped')
          throw new FerryError(result.error ?? `run ${run.id} was not released`);
        await target.idle();
        const outcomes = await runOutcomes(target.db, [run.key]);
        if (context.json) context.output.out(formatJson({ released: run.id, outcomes }));
        else {
          context.output.out(`released run ${run.id}`);
          for (const outcome of outcomes) context.output.out(describeOutcome(outcome));
        }
        context.setExitCode(exitCodeOf(outcomes));
      });
    });
}

/** The held run of a key (as given, or a file name under the input folder), else of a run or audit id. */
async function heldRun(target: PipelineTarget, keyOrId: string): Promise<Run> {
  const keys = [keyOrId, `${target.settings.inputPrefix}${keyOrId}`];
  for (const key of keys) {
    const [run] = await heldRuns(target.db, { key, limit: 1 });
    if (run) return run;
  }
  const run = await findRun(target.db, keyOrId).catch(() => undefined);
  if (run === undefined)
    throw new FerryError(`expected a held file, run id or audit id '${keyOrId}', found none`);
  if (run.state !== 'HELD' || run.retiredAt !== null) {
    throw new FerryError(
      `expected run ${run.id} to be HELD, found ${run.retiredAt ? 'it retired' : run.state}`,
    );
  }
  return run;
}
