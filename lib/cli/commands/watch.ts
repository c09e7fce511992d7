// `ferry watch`: processes files as they appear in the local input folder (copied in by hand or by `ferry put`).
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { WorkPool } from '../../core/work/work-pool.js';
import type { ObjectInfo } from '../../ports/object-store.js';
import { failedRunStates, type RunOutcome } from '../../records/outcomes.js';
import { describeOutcome, exitCodeOf, settleFile } from '../file-outcome.js';
import { defaultSettleMs, SettleTracker } from '../input-readiness.js';
import { parseConcurrency, positiveWhole, wholeMilliseconds } from '../options.js';
import { formatJson } from '../output.js';
import { type PipelineTarget, withPipelineTarget } from '../pipeline-target.js';
import { createProgressLine } from '../progress.js';
import type { CliContext } from '../workspace.js';

export interface WatchOptions {
  once?: boolean;
  concurrency: number;
  interval: number;
  /** How long a file must stay unchanged before it is taken. */
  settle: number;
}

export function registerWatch(program: Command, context: CliContext): void {
  program
    .command('watch')
    .description('process files as they appear in <workspace>/bucket/external_input/ until Ctrl-C')
    .option('--once', 'process the files there now, then exit (exit 1 when any failed)')
    .option('--concurrency <n>', 'files processed at the same time', parseConcurrency, 4)
    .option('--interval <ms>', 'how often to look for new files', (v) => positiveWhole(v, '--interval'), 1000)
    .option(
      '--settle <ms>',
      'how long a file must stay unchanged before it is taken',
      (v) => wholeMilliseconds(v, '--settle'),
      defaultSettleMs,
    )
    .addHelpText(
      'after',
      [
        '',
        'A file is taken once its size and time stamp have stayed the same for --settle ms, so a copy still being',
        'written is left alone; --once waits for that too. Names a writer renames when done (.part, .tmp, dot-files)',
        'are never taken. A writer that can pause longer than --settle should write under such a name and rename.',
        'Ctrl-C stops taking new files, lets running ones finish, then exits.',
        '',
        'Example:',
        '  $ ferry watch --concurrency 8 &',
        '  $ cp feeds/*.txt .ferry/bucket/external_input/',
        '',
      ].join('\n'),
    )
    .action(async (options: WatchOptions) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await watchInput(context, options, stop.signal);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** Looks at the input folder every `interval` ms (once with `once`) until `stop` aborts. */
export async function watchInput(context: CliContext, options: WatchOptions, stop: AbortSignal) {
  const progress = createProgressLine(context.output.progress, { json: context.json });
  const outcomes: RunOutcome[] = [];
  let skipped = 0;
  const say = (text: string) => {
    if (!context.json) context.output.out(text);
  };
  await withPipelineTarget(
    context,
    {
      onProgress: (p) => progress.update({ label: p.key, size: p.size, bytes: p.bytes, records: p.records }),
    },
    async (target) => {
      const prefix = target.settings.inputPrefix;
      if (!options.once) say(`watching ${prefix} (concurrency ${options.concurrency}); Ctrl-C stops`);
      const pool = new WorkPool(options.concurrency);
      const tracker = new SettleTracker(options.settle);
      // A cheap cache only: the ledger is what makes a second delivery of the same object a no-op.
      const taken = new Map<string, string>();
      const toldTemporary = new Set<string>();
      for (;;) {
        const listed = await listInput(target, prefix);
        const keys = new Set(listed.keys());
        for (const key of taken.keys()) if (!keys.has(key)) taken.delete(key);
        for (const key of toldTemporary) if (!keys.has(key)) toldTemporary.delete(key);
        tracker.keepOnly(keys);
        let changing = 0;
        for (const info of listed.values()) {
          const signature = `${info.size}:${info.lastModified.getTime()}:${info.etag}`;
          if (taken.get(info.key) === signature) continue;
          const readiness = tracker.look(info);
          if (readiness === 'temporary') {
            if (!toldTemporary.has(info.key))
              say(`${info.key}  left alone: a temporary name, taken once renamed`);
            toldTemporary.add(info.key);
            continue;
          }
          if (readiness === 'changing') {
            changing += 1;
            continue;
          }
          taken.set(info.key, signature);
          pool.add(async () => {
            const settledOutcomes = await settleFile(target, info.key, (skip) => {
              skipped += 1;
              say(`${info.key}  SKIPPED  ${skip}`);
            });
            progress.done();
            outcomes.push(...settledOutcomes);
            for (const outcome of settledOutcomes) say(describeOutcome(outcome));
          });
        }
        // --once waits for the files still being written, then stops.
        if (options.once && changing === 0) break;
        if (await stopped(stop, options.interval)) break;
      }
      const dropped = stop.aborted ? pool.clear() : 0;
      if (stop.aborted) say(`stopping: ${pool.size} files still running, ${dropped} not started`);
      await pool.drain();
      await target.idle();
    },
  );
  const failed = outcomes.filter((o) => failedRunStates.includes(o.state as never));
  if (context.json) context.output.out(formatJson(outcomes));
  else if (options.once || stop.aborted)
    context.output.out(
      `${outcomes.length} runs, ${failed.length} failed${skipped > 0 ? `, ${skipped} skipped (already claimed)` : ''}`,
    );
  context.setExitCode(exitCodeOf(outcomes));
}

async function listInput(target: PipelineTarget, prefix: string): Promise<Map<string, ObjectInfo>> {
  const listed = new Map<string, ObjectInfo>();
  for await (const info of target.store.list(prefix)) {
    if (!info.key.endsWith('/')) listed.set(info.key, info);
  }
  return listed;
}

/** Waits `ms`; true when `stop` aborted first. */
async function stopped(stop: AbortSignal, ms: number): Promise<boolean> {
  if (stop.aborted) return true;
  try {
    await delay(ms, undefined, { signal: stop });
    return false;
  } catch {
    return true;
  }
}
