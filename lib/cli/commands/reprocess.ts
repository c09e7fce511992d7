// `ferry reprocess ID`: brings a run's original back into the input folder and runs it again, or resumes a stuck run.
import type { Command } from 'commander';
import { FerryError } from '../../core/errors.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import { runOutcomes } from '../../records/outcomes.js';
import type { Run } from '../../records/run.js';
import { retireRun } from '../../records/runs.js';
import { supersedeAudit } from '../../records/supersede-audit.js';
import { describeOutcome, exitCodeOf, settleFile } from '../file-outcome.js';
import { formatJson } from '../output.js';
import { type PipelineTarget, withPipelineTarget } from '../pipeline-target.js';
import { findRun } from '../run-lookup.js';
import type { CliContext } from '../workspace.js';

interface ReprocessOptions {
  aws?: boolean;
  force?: boolean;
  resume?: boolean;
}

/** Runs whose rows reached the warehouse: running them again loads the rows a second time. */
const loadedStates = ['LOADED', 'TRANSFORMED', 'TRANSFORM_FAILED', 'SPLIT'];
const stuckStates = ['RECEIVED', 'SUBMITTED'];

export function registerReprocess(program: Command, context: CliContext): void {
  program
    .command('reprocess')
    .description('run a file again: its archived (or failed) original goes back to external_input/')
    .argument('<id>', 'a run id, or the audit id `ferry status` shows')
    .option('--force', 'also reprocess a file that was loaded (its rows are loaded again)')
    .option('--resume', 'for a run stuck in SUBMITTED: record its statement outcome instead of reloading')
    .option('--aws', 'the S3 bucket, config database and Redshift of the AWS settings in the environment')
    .addHelpText(
      'after',
      [
        '',
        'Locally the new run is processed at once and its outcome printed. With --aws the copy back into',
        'external_input/ fires the deployed S3 trigger (a run stuck in the input is processed here, in-process).',
        '',
        'Examples:',
        '  $ ferry status --failed',
        '  $ ferry reprocess 12',
        '  $ ferry status --stuck && ferry reprocess --resume 3f1c…-run-id',
        '',
      ].join('\n'),
    )
    .action(async (id: string, options: ReprocessOptions) => {
      await withPipelineTarget(context, { aws: !!options.aws }, async (target) => {
        const run = await findRun(target.db, id);
        if (run.retiredAt !== null) {
          throw new FerryError(
            `run ${run.id} was already reprocessed (retired ${run.retiredAt.toISOString()})`,
          );
        }
        if (options.resume) return resume(context, target, run);
        return reprocess(context, target, run, !!options.force);
      });
    });
}

async function reprocess(context: CliContext, target: PipelineTarget, run: Run, force: boolean) {
  if (loadedStates.includes(run.state) && !force) {
    throw new FerryError(
      `run ${run.id} is ${run.state}: its rows are in the warehouse; reprocessing loads them again — add --force`,
    );
  }
  // A run the row-count reconciliation failed keeps the rows it loaded in the warehouse, as its audit row says.
  if ((run.rowsLoaded ?? 0) > 0 && !force) {
    throw new FerryError(
      `run ${run.id} is ${run.state} but left ${run.rowsLoaded} rows in the warehouse; reprocessing loads ` +
        'them again — delete them first (the audit row names the table and file_name), then add --force',
    );
  }
  const inputKey = `${target.settings.inputPrefix}${fileNameOf(run.key)}`;
  const stuck = stuckStates.includes(run.state);
  const source = stuck ? run.key : archivedOriginal(run);
  if (source === undefined || (await target.store.head(source)) === undefined) {
    throw new FerryError(
      `expected the original of run ${run.id} at ${source ?? 'an archive key in the run details'}, found nothing`,
    );
  }
  if (!stuck && (await target.store.head(inputKey)) !== undefined) {
    throw new FerryError(
      `expected ${inputKey} to be free, found an object there; it is processed on its own`,
    );
  }
  if (run.state === 'SUBMITTED' && run.statementId !== null) {
    context.output.err(
      `run ${run.id} is SUBMITTED as statement ${run.statementId}; if that statement may still finish, ` +
        '`--resume` would record it without loading twice',
    );
  }
  // Retired first: the copy has the same ETag, and a live run for it would make the new delivery a duplicate.
  await retireRun(target.db, run.id);
  if (stuck) {
    await supersedeAudit(
      target.db,
      run,
      `reprocessed with \`ferry reprocess\`; the new run of ${inputKey} has its own audit row`,
      new Date(),
      target.settings.timezone,
    );
    // Still in the input: no S3 event will come again, so the processing function is run here.
    report(context, await settleFile(target, inputKey), run, source);
    return;
  }
  await target.store.copy(source, inputKey);
  if (target.mode === 'aws') {
    context.output.out(
      context.json
        ? formatJson({ retired: run.id, copied: source, to: inputKey })
        : `retired run ${run.id}; copied ${source} to ${inputKey} — the S3 trigger processes it`,
    );
    return;
  }
  await target.idle();
  report(context, await runOutcomes(target.db, [inputKey]), run, source);
}

/** The original's archive key: `archiveKey` (failed before submission, split) or the first of `archivedKeys`. */
function archivedOriginal(run: Run): string | undefined {
  const { archiveKey, archivedKeys, originalReplaced } = run.facts.archive ?? {};
  if (typeof archiveKey === 'string') return archiveKey;
  // Overwritten while it loaded: the newer version has its own run, and the archive holds no original of this one.
  if (originalReplaced === true) return undefined;
  return archivedKeys?.[0];
}

function report(
  context: CliContext,
  outcomes: Awaited<ReturnType<typeof runOutcomes>>,
  run: Run,
  from: string,
) {
  if (context.json) context.output.out(formatJson({ retired: run.id, from, outcomes }));
  else {
    context.output.out(`retired run ${run.id}; reprocessed ${from}`);
    for (const outcome of outcomes) context.output.out(describeOutcome(outcome));
  }
  context.setExitCode(exitCodeOf(outcomes));
}

/**
 * Finishes the run the way the reconciler does (the shared use case): its statement is described and the event
 * EventBridge would have delivered goes through the status function's own code; a statement the warehouse no longer
 * knows fails the run, its file going to archive/error/ where `ferry reprocess` brings it back.
 */
async function resume(context: CliContext, target: PipelineTarget, run: Run) {
  if (run.state !== 'SUBMITTED' && run.state !== 'LOADED') {
    throw new FerryError(
      `expected run ${run.id} to be SUBMITTED (or LOADED with post-load SQL running) to resume, found ${run.state}`,
    );
  }
  const resumed = await target.resume(run, 'ferry-reprocess');
  if (resumed.action === 'running') {
    throw new FerryError(
      `the statement of run ${run.id} is still ${resumed.status}; resume it once it has ended`,
    );
  }
  await target.idle();
  const outcomes = await runOutcomes(target.db, [run.key]);
  if (context.json) context.output.out(formatJson({ resumed: run.id, ...resumed, outcomes }));
  else {
    const how = resumed.action === 'resumed' ? `statement ${resumed.status}` : resumed.action;
    context.output.out(`resumed run ${run.id}: ${how}`);
    for (const o of outcomes) context.output.out(describeOutcome(o));
  }
  context.setExitCode(exitCodeOf(outcomes));
}
