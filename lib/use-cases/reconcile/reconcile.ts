// The reconciler: finishes runs whose statement status event never came (events are best effort), a bounded pass at a time.

import { errorMessage } from '../../core/errors.js';
import { publishPending, runsWithUnsentNotifications } from '../../records/notify-once.js';
import { overdueRuns } from '../../records/overdue-runs.js';
import { overdueBefore } from './awaited-statement.js';
import { checkHeldFiles } from './held-files.js';
import { noticeLateFeeds } from './late-feeds.js';
import type { ReconcileDependencies, ReconcileReport, ResumeOutcome } from './reconcile-dependencies.js';
import { resumeRun } from './resume-run.js';

/**
 * EventBridge delivers the Data API's "Redshift Data Statement Status Change" on a best-effort basis ("Amazon
 * Redshift Data API events", https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-redshift-data.html), and
 * a delivered event can still exhaust log-status's retries. Every run overdue by `reconcileAfterMinutes` is checked,
 * oldest first, at most `reconcileMaxRuns` of them, one at a time (the Data API and the config database are shared
 * with both functions). One run's failure is reported and the pass goes on; the next pass tries it again.
 */
export async function reconcile(deps: ReconcileDependencies): Promise<ReconcileReport> {
  const { settings } = deps;
  const limit = settings.reconcileMaxRuns;
  const runs = await overdueRuns(deps.db, {
    updatedBefore: overdueBefore(deps.now(), settings.reconcileAfterMinutes),
    limit,
  });
  const outcomes: ResumeOutcome[] = [];
  for (const run of runs) {
    const log = deps.log.child({ runId: run.id });
    try {
      const outcome = await resumeRun({ ...deps, log }, run, 'ferry-reconcile');
      log.info({ action: outcome.action }, 'overdue run checked');
      outcomes.push(outcome);
    } catch (error) {
      log.error({ error: errorMessage(error) }, 'overdue run not checked');
      outcomes.push({ runId: run.id, action: 'error', error: errorMessage(error) });
    }
  }
  const stuck = outcomes.filter((outcome) => outcome.action !== 'running').length;
  deps.metrics?.record({ outcome: 'reconciled', values: { StuckRunsFound: stuck } }, deps.now());
  const held = await checkHeldFiles(deps);
  const late = await noticeLateFeeds(deps);
  return {
    runs: outcomes,
    more: runs.length === limit,
    notified: await publishUnsent(deps, limit),
    held,
    late,
  };
}

/**
 * Publishes what no event will: a failed load's notification held for a row-level reason that never came, or one
 * whose publish kept failing. Each is claimed before it is published, so a concurrent delivery cannot repeat it.
 */
async function publishUnsent(deps: ReconcileDependencies, limit: number): Promise<number> {
  let published = 0;
  for (const runId of await runsWithUnsentNotifications(deps.db, limit)) {
    try {
      published += await publishPending(deps, runId);
    } catch (error) {
      deps.log.error({ runId, error: errorMessage(error) }, 'unsent notification not published');
    }
  }
  return published;
}
