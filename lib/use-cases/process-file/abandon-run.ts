// The transient path: undo what this attempt left so that Lambda's retry of the event starts clean.
import { errorMessage } from '../../core/errors.js';
import { removeUnsentAudit } from '../../records/audit.js';
import { releaseClaim } from '../../records/runs.js';
import { bestEffort } from './best-effort.js';
import type { RunContext } from './run-context.js';

/**
 * Before submission a transient failure releases everything: prepared objects, the unsent audit row, and the claim
 * (retired, not deleted, so the attempt stays visible). Each step is best effort; when the database itself is down
 * the claim stays RECEIVED and a later delivery takes it over once it is stale (see claimObject).
 */
export async function abandonRun(
  run: RunContext,
  error: unknown,
  undo: { objects: string[]; auditId?: number },
): Promise<void> {
  const { deps } = run;
  const message = errorMessage(error);
  run.log.warn({ error: message, err: error }, 'run abandoned for retry');
  const step = bestEffort(run.log, 'abandon step failed', { originalError: message });
  await step('remove prepared objects', () => Promise.all(undo.objects.map((key) => deps.store.delete(key))));
  const { auditId } = undo;
  if (auditId !== undefined) {
    await step('remove unsent audit row', () => removeUnsentAudit(deps.db, auditId));
  }
  await step('release claim', () =>
    releaseClaim(deps.db, run.runId, `transient failure, retrying: ${message}`, deps.now()),
  );
}
