// `ferry watch`: processes files as they appear in the local input folder (copied in by hand or by `ferry put`).
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { failedRunStates, type RunOutcome } from '../../ledger/outcomes.js';
import type { ObjectInfo } from '../../ports/object-store.js';
import { describeOutcome, exitCodeOf, settleFile } from '../file-outcome.js';
import { parseConcurrency, positiveWhole } from '../options.js';
import { formatJson } from '../output.js';
import { type PipelineTarget, withPipelineTarget } from '../pipeline-target.js';
import { createProgressLine } from '../progress.js';
import { WorkPool } from '../work-pool.js';
import type { CliContext } from '../workspace.js';

export interface WatchOptions {
  once?: boolean;
  concurrency: number;
  interval: number;
}

export function registerWatch(program: Command, context: CliContext): void {
  program
    .command('watch')
    .description('process files as they appear in <workspace>/bucket/external_input/ until Ctrl-C')
    .option('--once', 'process the files there now, then exit (exit 1 when any failed)')
    .option('--concurrency <n>', 'files processed at the same time', parseConcurrency, 4)
    .option('--interval <ms>', 'how often to look for new files', (v) => positiveWhole(v, '--interval'), 1000)
    .addHelpText(
      'after',
      [
        '',
        'A file is taken once its size and time stamp stay the same between two looks, so a copy still being',
        'written is left alone. Ctrl-C stops taking new files, lets running ones finish, then exits.',
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
      const seen = new Map<string, string>();
      // A cheap cache only: the ledger is what makes a second delivery of the same object a no-op.
      const taken = new Map<string, string>();
      for (;;) {
        const listed = await listInput(target, prefix);
        for (const key of taken.keys()) if (!listed.has(key)) taken.delete(key);
        for (const info of listed.values()) {
          const signature = `${info.size}:${info.lastModified.getTime()}:${info.etag}`;
          const settled = options.once || seen.get(info.key) === signature;
          if (!settled || taken.get(info.key) === signature) continue;
          taken.set(info.key, signature);
          pool.add(async () => {
            const settledOutcomes = await settleFile(target, info.key);
            progress.done();
            outcomes.push(...settledOutcomes);
            for (const outcome of settledOutcomes) say(describeOutcome(outcome));
          });
        }
        seen.clear();
        for (const info of listed.values())
          seen.set(info.key, `${info.size}:${info.lastModified.getTime()}:${info.etag}`);
        if (options.once || (await stopped(stop, options.interval))) break;
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
    context.output.out(`${outcomes.length} runs, ${failed.length} failed`);
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
