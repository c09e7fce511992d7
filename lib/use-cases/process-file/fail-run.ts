// The failure path before submission: audit FAILED, remove prepared objects, move the file to archive/error, notify.

import { errorMessage, FerryError } from '../../core/errors.js';
import { errorArchiveKey, moveObject } from '../../core/keys/archive.js';
import { insertAudit, recordAuditOutcome } from '../../records/audit.js';
import { notifyOnce } from '../../records/notify-once.js';
import { ruleById } from '../../records/rules/rule-by-id.js';
import { moveRun } from '../../records/runs.js';
import { elapsed, type RunContext } from './run-context.js';
import { runMessage } from './status-message.js';

/**
 * Records and reports a terminal failure. Each step runs even when an earlier one failed; a failing step is logged
 * beside the original error, which stays the run's error. The file leaves the input only through a verified move.
 * `notified: false` asks for a retry of the event, which publishes the pending notification.
 */
export async function failRun(run: RunContext, error: unknown): Promise<{ notified: boolean }> {
  const { deps } = run;
  const { db, store, settings } = deps;
  const message = errorMessage(error);
  const endedAt = deps.now();
  run.log.error(
    { error: message, errorName: errorName(error), durationMs: elapsed(deps, run.startedAt) },
    'run failed',
  );
  const step = async <T>(name: string, action: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await action();
    } catch (stepError) {
      run.log.error(
        { step: name, error: errorMessage(stepError), originalError: message },
        'failure step failed',
      );
      return undefined;
    }
  };
  // A file refused by a rule it matched (wrong extension) is still audited and notified under that rule.
  const ruleId = error instanceof FerryError ? error.context.ruleId : undefined;
  if (run.rule === undefined && ruleId !== undefined)
    run.rule = await step('rule of the failure', () => ruleById(db, ruleId));
  const { rule } = run;
  run.interfaceId ??= error instanceof FerryError ? error.context.interfaceId : undefined;
  const interfaceId = rule?.interfaceId ?? run.interfaceId ?? null;
  await step('audit', async () => {
    if (run.auditId !== undefined) {
      await recordAuditOutcome(db, run.auditId, {
        status: 'FAILED',
        processed: false,
        endedAt,
        timezone: settings.timezone,
        errorMessage: message,
      });
      return;
    }
    run.auditId = await insertAudit(db, {
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
    });
  });
  const removed = await step('remove prepared objects', async () => {
    await Promise.all(run.written.map((key) => store.delete(key)));
    return run.written;
  });
  const target = errorArchiveKey(run.fileName, endedAt, settings.timezone, {
    folder: settings.archivePrefix.replace(/\/+$/, ''),
  });
  const archived = await step('archive to error', () => moveObject(store, run.key, target));
  if (archived) run.log.info({ archiveKey: archived.key }, 'file moved to the error archive');
  await step('ledger', () =>
    moveRun(db, run.runId, ['RECEIVED', 'SUBMITTED'], 'FAILED', {
      error: message,
      ruleId: rule?.id ?? null,
      interfaceId,
      auditId: run.auditId ?? null,
      preparedKeys: removed === undefined ? run.written : [],
      facts: {
        file: { fileName: run.fileName, bytes: run.object.size },
        failure: { errorName: errorName(error) },
        archive: { archiveKey: archived?.key ?? null },
      },
    }),
  );
  // A notification that could not be published stays pending; the platform's retry of the event publishes it.
  const notified = await step('notify', () => notifyOnce(deps, runMessage(run, 'FAILED', message)));
  return { notified: notified !== undefined };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
