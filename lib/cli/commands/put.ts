// `ferry put FILE…`: uploads files into the local input folder and runs them through both functions to the end.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type RunOutcome, runOutcomes } from '../../records/outcomes.js';
import { alreadyLoaded } from '../../use-cases/process-file/duplicate-delivery.js';
import type { LocalRuntime } from '../../wiring/local-runtime.js';
import { exitCodes } from '../exit-codes.js';
import { exitCodeOf } from '../file-outcome.js';
import { formatJson, formatTable } from '../output.js';
import { createProgressLine } from '../progress.js';
import { describeUnfinished, unfinishedRuns } from '../unfinished-runs.js';
import { UsageError } from '../usage-error.js';
import type { CliContext } from '../workspace.js';

export function registerPut(program: Command, context: CliContext): void {
  program
    .command('put')
    .description('put files into external_input/ and run them through the pipeline; exit 1 when any failed')
    .argument('<files...>', 'local files to upload (the file name becomes the object name)')
    .addHelpText(
      'after',
      '\nExample:\n  $ ferry put sql/samples/files/PROD_20151015_150510973_PA_FLAVOR_527.txt\n',
    )
    .action(async (files: string[]) => {
      const paths = files.map((file) => resolve(context.cwd, file));
      for (const path of paths) {
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) throw new UsageError(`expected a file to put, found nothing at ${path}`);
      }
      const progress = createProgressLine(context.output.progress, { json: context.json });
      const { withLocalRuntime } = await import('../local-runtime.js');
      const { keys, outcomes } = await withLocalRuntime(
        context,
        async (runtime) => {
          const keys: string[] = [];
          for (const path of paths) keys.push(await runtime.putFile(path));
          await runtime.idle();
          progress.done();
          return { keys, outcomes: await putOutcomes(runtime, keys) };
        },
        {
          onProgress: (p) =>
            progress.update({ label: p.key, size: p.size, bytes: p.bytes, records: p.records }),
        },
      );
      printOutcomes(context, outcomes);
      context.setExitCode(exitCodeOf(outcomes));
      // Everything in flight has been waited for, so a run still RECEIVED or SUBMITTED was lost on the way.
      const unfinished = unfinishedRuns(keys, outcomes);
      if (unfinished.length > 0) {
        context.output.err(describeUnfinished(unfinished));
        context.setExitCode(exitCodes.failure);
      }
    });
}

/** Each file's runs, or SKIPPED for one whose bytes were already loaded (the old run is not this put's outcome). */
async function putOutcomes(runtime: LocalRuntime, keys: readonly string[]): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const key of keys) {
    const runs = await runOutcomes(runtime.config.db, [key]);
    const result = runtime.processed(key);
    if (result?.status !== 'duplicate' || result.error !== alreadyLoaded || !result.runId) {
      outcomes.push(...runs);
      continue;
    }
    const auditId = runs.find((run) => run.runId === result.runId)?.auditId ?? null;
    outcomes.push({
      runId: result.runId,
      key,
      parentRunId: null,
      state: 'SKIPPED',
      rowsLoaded: null,
      rowsRejected: null,
      error: null,
      auditId,
      note:
        `already loaded (run ${result.runId}), skipped; ` +
        `\`ferry reprocess --force ${auditId ?? result.runId}\` loads it again`,
    });
  }
  return outcomes;
}

export function printOutcomes(context: CliContext, outcomes: readonly RunOutcome[]): void {
  if (context.json) {
    context.output.out(formatJson(outcomes));
    return;
  }
  const rows = outcomes.map((o) => ({
    file: o.key,
    state: o.state,
    rows: o.rowsLoaded,
    rejected: o.rowsRejected,
    audit: o.auditId,
    detail: o.error ?? o.note ?? rejectedNote(o),
  }));
  context.output.out(formatTable(['file', 'state', 'rows', 'rejected', 'audit', 'detail'], rows));
}

/** A load that dropped rows says so beside its state, as its audit row does. */
function rejectedNote(o: RunOutcome): string | undefined {
  if (!o.rowsRejected) return undefined;
  return `${o.rowsRejected} rows rejected; \`ferry errors ${o.auditId ?? o.runId}\` lists them`;
}
