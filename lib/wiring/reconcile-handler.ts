// Lambda entry point of the reconciler: a scheduled event in, one bounded reconcile pass, a report out.
import { TransientError } from '../core/errors.js';
import { readSettings } from '../core/settings/settings.js';
import { reconcile } from '../use-cases/reconcile/reconcile.js';
import type {
  ReconcileDependencies,
  ReconcileReport,
} from '../use-cases/reconcile/reconcile-dependencies.js';
import { buildDependencies } from './build-dependencies.js';

/**
 * Dependencies are built once per container (a failed build is retried on the next event). The schedule's event
 * carries nothing the pass needs. Runs that could not be checked are reported, then the handler throws so the
 * failed pass counts in the Errors alarm and lands in the dead-letter queue; the next pass checks them again.
 */
export const makeHandler = (getDependencies: () => Promise<ReconcileDependencies>) => {
  let dependencies: Promise<ReconcileDependencies> | undefined;
  return async (_event?: unknown): Promise<ReconcileReport> => {
    dependencies ??= getDependencies().catch((error: unknown) => {
      dependencies = undefined;
      throw error;
    });
    const deps = await dependencies;
    const report = await reconcile(deps);
    const errors = report.runs.filter((run) => run.action === 'error');
    deps.log.info(
      { checked: report.runs.length, actions: report.runs.map((run) => run.action), more: report.more },
      'reconcile pass done',
    );
    if (errors.length > 0) {
      throw new TransientError(
        `expected every overdue run checked, found ${errors.length} not: ` +
          errors.map((run) => `${run.runId} (${'error' in run ? run.error : ''})`).join('; '),
      );
    }
    return report;
  };
};

/** The Lambda entry point: AWS dependencies from the environment, built on the first event. */
export const handler = makeHandler(() =>
  buildDependencies(readSettings(process.env, 'aws'), { mode: 'aws' }),
);
