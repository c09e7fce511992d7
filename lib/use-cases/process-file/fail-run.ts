// The failure path before submission: audit FAILED, remove prepared objects, move the file to archive/error, notify.

import { withCheck } from '../../core/contracts/contract-check.js';
import { checksOf } from '../../core/contracts/contract-error.js';
import { errorMessage } from '../../core/errors.js';
import { earlierCopyKey, errorArchiveKey, inputFolderOf, moveObject } from '../../core/keys/archive.js';
import { insertAudit, recordAuditOutcome } from '../../records/audit.js';
import { notifyOnce } from '../../records/notify-once.js';
import { moveRun } from '../../records/runs.js';
import { bestEffort } from './best-effort.js';
import { elapsed, type RunContext } from './run-context.js';
import { runMessage } from './status-message.js';

/**
 * Records and reports a terminal failure. Each step runs even when an earlier one failed; a failing step is logged
 * beside the original error, which stays the run's error. The file leaves the input only through a verified move.
 * `notified: false` asks for a retry of the event, which publishes the pending notification.
 */
export async function failRun(
  run: RunContext,
  error: unknown,
  undo: { objects: string[]; auditId?: number },
): Promise<{ notified: boolean }> {
  const { deps } = run;
  const { db, store, settings } = deps;
  const message = errorMessage(error);
  const checks = checksOf(error);
  if (checks) run.checks = checks.reduce(withCheck, run.checks ?? []);
  const endedAt = deps.now();
  run.log.error(
    { error: message, err: error, errorName: errorName(error), durationMs: elapsed(deps, run.startedAt) },
    'run failed',
  );
  const step = bestEffort(run.log, 'failure step failed', { originalError: message });
  const { rule } = run;
  const interfaceId = rule?.interfaceId ?? run.interfaceId ?? null;
  let auditId = undo.auditId;
  await step('audit', async () => {
    if (auditId !== undefined) {
      await recordAuditOutcome(db, auditId, {
        status: 'FAILED',
        processed: false,
        endedAt,
        timezone: settings.timezone,
        errorMessage: message,
        ...(run.checks && { checks: run.checks }),
      });
      return;
    }
    auditId = await insertAudit(db, {
      runId: run.runId,
      fileName: run.fileName,
      objectKey: run.key,
      status: 'FAILED',
      interfaceId,
      ruleId: rule?.id ?? null,
      target: rule?.target ?? null,
      escapeChar: rule?.escapeChar ?? null,
      errorMessage: message,
      startedAt: run.startedAt,
      endedAt,
      timezone: settings.timezone,
      ...(run.checks && { checks: run.checks }),
    });
  });
  const removed = await step('remove prepared objects', async () => {
    await Promise.all(undo.objects.map((key) => store.delete(key)));
    return undo.objects;
  });
  const target = errorArchiveKey(run.fileName, endedAt, settings.timezone, {
    folder: settings.archivePrefix.replace(/\/+$/, ''),
    inputFolder: inputFolderOf(run.key, settings.inputPrefix),
  });
  const archived = await step('archive to error', async () =>
    moveObject(store, run.key, (await earlierCopyKey(store, run.object, target)) ?? target),
  );
  if (archived) run.log.info({ archiveKey: archived.key }, 'file moved to the error archive');
  await step('ledger', () =>
    moveRun(db, run.runId, ['RECEIVED', 'SUBMITTED'], 'FAILED', {
      error: message,
      ruleId: rule?.id ?? null,
      interfaceId,
      auditId: auditId ?? null,
      preparedKeys: removed === undefined ? undo.objects : [],
      facts: {
        file: { fileName: run.fileName, bytes: run.object.size },
        failure: { errorName: errorName(error) },
        archive: { archiveKey: archived?.key ?? null },
        ...(run.checks?.length && { contract: { checks: run.checks } }),
      },
    }),
  );
  // A notification that could not be published stays pending; the platform's retry of the event publishes it.
  const notified = await step('notify', () =>
    notifyOnce(deps, runMessage(run, 'FAILED', { error: message, auditId, checks: run.checks })),
  );
  return { notified: notified !== undefined };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
