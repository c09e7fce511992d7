// One file through the pipeline to its final state, and the one-line account a command prints for it.
import { failedRunStates, type RunOutcome, runOutcomes } from '../records/outcomes.js';
import { getRun } from '../records/runs.js';
import { type ExitCode, exitCodes } from './exit-codes.js';
import type { PipelineTarget } from './pipeline-target.js';

/**
 * Processes the object and waits until its runs (and its split parts' runs) settle. A record that never reached the
 * ledger (skipped, or failed before a claim) is reported from the processing function's own result; a duplicate
 * delivery reports nothing.
 */
export async function settleFile(
  target: PipelineTarget,
  key: string,
  onClaimed?: (why: string) => void,
): Promise<RunOutcome[]> {
  const result = await target.processKey(key);
  // Another delivery (or the runtime's own, for split parts) has the object: it reports it.
  if (result.status === 'duplicate') {
    const why = onClaimed && (await describeClaim(target, result.runId, result.error));
    if (why) onClaimed(why);
    return [];
  }
  await target.idle();
  const outcomes = await runOutcomes(target.db, [key]);
  if (outcomes.length > 0) return outcomes;
  return [
    {
      runId: result.runId ?? '',
      key,
      parentRunId: null,
      state: result.status.toUpperCase(),
      rowsLoaded: null,
      rowsRejected: null,
      error: result.error ?? null,
      auditId: null,
    },
  ];
}

/**
 * Why a file was not taken: the run that already has it, in the state it is in. Undefined for a split part, which
 * the runtime delivers itself and reports with its parent.
 */
async function describeClaim(
  target: PipelineTarget,
  runId: string | undefined,
  error: string | undefined,
): Promise<string | undefined> {
  const run = runId ? await getRun(target.db, runId) : undefined;
  if (run?.parentRunId) return undefined;
  const claimedBy = `already claimed by run ${runId ?? '(unknown)'}${run ? ` (${run.state})` : ''}`;
  return error
    ? `${claimedBy}: ${error}; \`ferry reprocess --force\` loads it again`
    : `${claimedBy}: another process is handling it or stopped part-way; \`ferry status\` shows it`;
}

/** `external_input/a.txt  FINISHED  6 rows  audit 3` (plus rejected rows and the error when there are some). */
export function describeOutcome(outcome: RunOutcome): string {
  const parts = [outcome.key, outcome.state];
  if (outcome.rowsLoaded !== null) parts.push(`${outcome.rowsLoaded} rows`);
  if (outcome.rowsRejected) parts.push(`${outcome.rowsRejected} rejected`);
  if (outcome.auditId !== null) parts.push(`audit ${outcome.auditId}`);
  if (outcome.error) parts.push(outcome.error);
  if (outcome.note) parts.push(outcome.note);
  return parts.join('  ');
}

/** Failure when a run failed; `rejected` when all loaded but COPY rejected rows of one (max_errors); else ok. */
export function exitCodeOf(outcomes: readonly RunOutcome[]): ExitCode {
  if (outcomes.some((o) => failedRunStates.includes(o.state as never))) return exitCodes.failure;
  if (outcomes.some((o) => (o.rowsRejected ?? 0) > 0)) return exitCodes.rejected;
  return exitCodes.ok;
}
