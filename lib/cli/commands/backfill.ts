// `ferry backfill`: processes input objects no live run covers — files that arrived during an outage or before deployment.

import type { Command } from 'commander';
import { unquotedEtag } from '../../core/keys/object-key.js';
import { mapBounded } from '../../core/work/work-pool.js';
import type { ObjectInfo } from '../../ports/object-store.js';
import { failedRunStates, type RunOutcome } from '../../records/outcomes.js';
import { describeOutcome, exitCodeOf, settleFile } from '../file-outcome.js';
import { parseConcurrency } from '../options.js';
import { formatJson } from '../output.js';
import { type PipelineTarget, withPipelineTarget } from '../pipeline-target.js';
import { createProgressLine } from '../progress.js';
import type { CliContext } from '../workspace.js';

interface BackfillOptions {
  aws?: boolean;
  concurrency: number;
  dryRun?: boolean;
}

/** Keys per ledger query: well under PostgreSQL's parameter limit. */
const LOOKUP_CHUNK = 500;

export function registerBackfill(program: Command, context: CliContext): void {
  program
    .command('backfill')
    .description('process every object under the input prefix that has no live run in the ledger')
    .option('--aws', 'the S3 bucket, config database and Redshift of the AWS settings in the environment')
    .option('--concurrency <n>', 'files processed at the same time', parseConcurrency, 4)
    .option('--dry-run', 'only list the objects that would be processed')
    .addHelpText(
      'after',
      [
        '',
        'With --aws the processing function runs here, in-process, exactly as Lambda would run it; the load',
        "statements' completion then reaches the deployed log-status function through EventBridge.",
        '',
        'Examples:',
        '  $ ferry backfill --dry-run',
        '  $ FERRY_BUCKET=my-bucket FERRY_CONFIG_DB_SECRET_ARN=… FERRY_REDSHIFT_CLUSTER=… \\',
        '      FERRY_IAM_ROLE=… AWS_REGION=us-east-1 ferry backfill --aws --concurrency 8',
        '',
      ].join('\n'),
    )
    .action(async (options: BackfillOptions) => {
      const progress = createProgressLine(context.output.progress, { json: context.json });
      const outcomes = await withPipelineTarget(context, { aws: !!options.aws }, async (target) => {
        const pending = await unclaimedObjects(target);
        if (options.dryRun) return pending.map((info) => ({ key: info.key, bytes: info.size }));
        const total = pending.reduce((sum, info) => sum + info.size, 0);
        let done = 0;
        let bytes = 0;
        const settled = await mapBounded(pending, options.concurrency, async (info) => {
          const result = await settleFile(target, info.key);
          done += 1;
          bytes += info.size;
          progress.update({ label: `backfill ${done}/${pending.length} files`, size: total, bytes });
          return result;
        });
        progress.done();
        return settled.flat();
      });
      if (options.dryRun) {
        context.output.out(
          context.json
            ? formatJson(outcomes)
            : outcomes.map((o) => `would process ${o.key}`).join('\n') || 'nothing to backfill',
        );
        return;
      }
      printBackfill(context, outcomes as RunOutcome[]);
    });
}

function printBackfill(context: CliContext, outcomes: RunOutcome[]): void {
  const failed = outcomes.filter((o) => failedRunStates.includes(o.state as never));
  if (context.json) context.output.out(formatJson(outcomes));
  else {
    for (const outcome of outcomes) context.output.out(describeOutcome(outcome));
    context.output.out(`backfill: ${outcomes.length} runs, ${failed.length} failed`);
  }
  context.setExitCode(exitCodeOf(outcomes));
}

/** Input objects whose (key, ETag) has no live run: never claimed, or claimed only by runs since retired. */
export async function unclaimedObjects(target: PipelineTarget): Promise<ObjectInfo[]> {
  const listed: ObjectInfo[] = [];
  for await (const info of target.store.list(target.settings.inputPrefix)) {
    if (!info.key.endsWith('/')) listed.push(info);
  }
  const live = new Set<string>();
  for (let start = 0; start < listed.length; start += LOOKUP_CHUNK) {
    const keys = listed.slice(start, start + LOOKUP_CHUNK).map((info) => info.key);
    const runs = await target.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['object_key', 'etag'])
      .where('bucket', '=', target.store.bucket)
      .where('object_key', 'in', keys)
      .where('retired_at', 'is', null)
      .execute();
    for (const run of runs) live.add(identity(run.object_key, run.etag));
  }
  return listed.filter((info) => !live.has(identity(info.key, info.etag)));
}

function identity(key: string, etag: string): string {
  return `${key}\n${unquotedEtag(etag)}`;
}
