// A file its rule skips as a duplicate (duplicate_policy 'skip'): ledger and audit SKIPPED, file archived, notified.

import type { PreparedFile } from '../../core/ingest/prepare-types.js';
import type { Rule } from '../../core/rules/rule.js';
import type { ContractCheck } from '../../ports/notifier.js';
import { insertAudit } from '../../records/audit.js';
import { notifyOnce } from '../../records/notify-once.js';
import type { RunFacts } from '../../records/run.js';
import { moveRun, updateRun } from '../../records/runs.js';
import { archiveOriginal } from './archive-original.js';
import { bestEffort } from './best-effort.js';
import { writtenKeys } from './compensation.js';
import { fileFacts, type RunContext } from './run-context.js';
import { runMessage } from './status-message.js';

export const SKIPPED = 'SKIPPED';

/**
 * Nothing is loaded and nothing went wrong: the file goes to archive/ (its content is in the warehouse already,
 * under the name the audit row gives), not archive/error. Recorded SKIPPED first, like a split, so a retry never
 * judges it again; the later steps only log their failures.
 */
export async function skipDuplicate(
  run: RunContext,
  rule: Rule,
  prepared: PreparedFile,
  verdict: { checks: ContractCheck[]; reason: string },
): Promise<void> {
  const { deps } = run;
  const { db, store, settings } = deps;
  const endedAt = deps.now();
  const written = writtenKeys(run.steps);
  const auditId = await insertAudit(db, {
    runId: run.runId,
    fileName: run.fileName,
    objectKey: run.key,
    status: SKIPPED,
    interfaceId: rule.interfaceId,
    ruleId: rule.id,
    target: rule.target ?? null,
    escapeChar: rule.escapeChar ?? null,
    errorMessage: verdict.reason,
    startedAt: run.startedAt,
    endedAt,
    timezone: settings.timezone,
    checks: verdict.checks,
  });
  const facts: RunFacts = { file: fileFacts(run, prepared), contract: { checks: verdict.checks } };
  await moveRun(db, run.runId, ['RECEIVED'], SKIPPED, {
    ruleId: rule.id,
    interfaceId: rule.interfaceId,
    auditId,
    preparedKeys: written,
    facts,
    error: verdict.reason,
    ...(prepared.sha256 === undefined ? {} : { contentHash: prepared.sha256 }),
  });
  run.log.info({ reason: verdict.reason }, 'duplicate skipped');
  const step = bestEffort(run.log, 'skip follow-up step failed');
  const removed = await step('remove processing copies', async () => {
    await Promise.all(written.map((key) => store.delete(key)));
    return true;
  });
  const archived = await step('archive', () => archiveOriginal(run, rule));
  await step('ledger details', () =>
    updateRun(db, run.runId, {
      ...(removed ? { preparedKeys: [] } : {}),
      facts: { ...facts, archive: { archiveKey: archived?.key ?? null } },
    }),
  );
  await step('notify', () =>
    notifyOnce(deps, runMessage(run, SKIPPED, { auditId, checks: verdict.checks, error: verdict.reason })),
  );
}
