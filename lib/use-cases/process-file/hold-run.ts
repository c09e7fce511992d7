// A file held by its feed's sequence contract: audited HELD, the run HELD, notified once; the file stays in the input.

import { errorMessage, TerminalError } from '../../core/errors.js';
import type { Rule } from '../../core/rules/rule.js';
import { insertAudit, recordAuditOutcome } from '../../records/audit.js';
import { heldRuns } from '../../records/held-runs.js';
import { notifyOnce } from '../../records/notify-once.js';
import { moveRun, retireRun } from '../../records/runs.js';
import type { RunContext } from './run-context.js';
import { runMessage } from './status-message.js';

export async function holdRun(run: RunContext, rule: Rule, reason: string): Promise<void> {
  const { deps } = run;
  const { db, settings } = deps;
  const endedAt = deps.now();
  // The key was uploaded again with other bytes: the earlier held version is gone from the input, one hold remains.
  for (const earlier of await heldRuns(db, { key: run.key })) {
    if (earlier.id === run.runId) continue;
    await retireRun(db, earlier.id);
    run.log.info({ replacedRunId: earlier.id }, 'held run of an earlier upload of the key retired');
  }
  const checks = run.checks ?? [];
  let auditId = run.auditId;
  if (auditId === undefined) {
    auditId = await insertAudit(db, {
      runId: run.runId,
      fileName: run.fileName,
      objectKey: run.key,
      status: 'HELD',
      interfaceId: rule.interfaceId,
      ruleId: rule.id,
      target: rule.target ?? null,
      errorMessage: reason,
      startedAt: run.startedAt,
      endedAt,
      timezone: settings.timezone,
      checks,
    });
  } else {
    await recordAuditOutcome(db, auditId, {
      status: 'HELD',
      processed: false,
      endedAt,
      timezone: settings.timezone,
      errorMessage: reason,
      checks,
    });
  }
  const moved = await moveRun(db, run.runId, ['RECEIVED'], 'HELD', {
    ruleId: rule.id,
    interfaceId: rule.interfaceId,
    auditId,
    error: reason,
    facts: {
      file: { fileName: run.fileName, bytes: run.object.size },
      contract: { checks },
    },
  });
  if (moved === undefined)
    throw new TerminalError(`expected run ${run.runId} to be RECEIVED before it is held, found it moved on`);
  deps.metrics?.record(
    { interfaceId: rule.interfaceId, outcome: 'held', runId: run.runId, values: { FilesHeld: 1 } },
    endedAt,
  );
  // Keyed by (run, HELD): a re-evaluation that holds it again does not notify again. A publish that fails stays
  // pending for the reconciler: the hold itself is recorded and must not turn into a failure of the file.
  try {
    await notifyOnce(deps, runMessage(run, 'HELD', { error: reason, auditId, checks }));
  } catch (error) {
    run.log.error({ error: errorMessage(error) }, 'held notification not published; the reconciler retries');
  }
}
