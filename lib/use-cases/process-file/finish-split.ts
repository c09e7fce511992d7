// A split parent after its parts entered the input folder: ledger and audit SPLIT, parent archived, SPLIT notified.

import type { PreparedFile } from '../../core/ingest/prepare-types.js';
import type { Rule } from '../../core/rules/rule.js';
import { insertAudit, recordAuditOutcome } from '../../records/audit.js';
import { notifyOnce } from '../../records/notify-once.js';
import type { RunFacts } from '../../records/run.js';
import { moveRun, updateRun } from '../../records/runs.js';
import { archiveOriginal } from './archive-original.js';
import { bestEffort } from './best-effort.js';
import { writtenKeys } from './compensation.js';
import { fileFacts, type RunContext } from './run-context.js';
import { runMessage } from './status-message.js';

type Split = NonNullable<PreparedFile['split']>;

/**
 * The parts are already in the input folder and will load under their own rules, so nothing here may make a retry
 * split the parent again: the run is recorded as SPLIT first, and later steps (removing the processing copies,
 * archiving the parent, notifying) only log their failures.
 */
export async function finishSplit(
  run: RunContext,
  rule: Rule,
  prepared: PreparedFile,
  split: Split,
): Promise<void> {
  const { deps } = run;
  const { db, store, settings } = deps;
  run.steps.push({ step: 'split' });
  const counts = Object.fromEntries((rule.split?.codes ?? []).map((code) => [code, 0]));
  for (const part of split.parts) counts[part.code] = part.records;
  const toParts = split.parts.reduce((total, part) => total + part.records, 0);
  const summary =
    `split into ${Object.entries(counts)
      .map(([code, records]) => `${code}: ${records} records`)
      .join(', ')}; ` + `${split.dropped} lines of other record types dropped`;
  const endedAt = deps.now();
  const written = writtenKeys(run.steps);
  const auditId = await insertAudit(db, {
    runId: run.runId,
    fileName: run.fileName,
    objectKey: run.key,
    status: 'SPLIT',
    interfaceId: rule.interfaceId,
    ruleId: rule.id,
    target: null,
    escapeChar: rule.escapeChar ?? null,
    errorMessage: summary,
    ...(prepared.checks && { checks: prepared.checks }),
    startedAt: run.startedAt,
    endedAt,
    timezone: settings.timezone,
  });
  await recordAuditOutcome(db, auditId, {
    status: 'SPLIT',
    processed: false,
    endedAt,
    timezone: settings.timezone,
    rowsLoaded: toParts,
    rowsRejected: split.dropped,
  });
  const facts: RunFacts = {
    file: fileFacts(run, prepared),
    split: { parts: split.parts, counts, dropped: split.dropped, droppedSample: split.droppedSample },
    ...(prepared.checks && { contract: { checks: prepared.checks } }),
  };
  await moveRun(db, run.runId, ['RECEIVED'], 'SPLIT', {
    ruleId: rule.id,
    interfaceId: rule.interfaceId,
    auditId,
    preparedKeys: written,
    facts,
  });
  run.log.info({ parts: split.parts.length, counts, dropped: split.dropped, records: toParts }, 'file split');
  const step = bestEffort(run.log, 'split follow-up step failed');
  // The processing copies duplicate the parts now in the input folder.
  const removed = await step('remove processing copies', async () => {
    await Promise.all(written.map((key) => store.delete(key)));
    return true;
  });
  const archived = await step('archive parent', () => archiveOriginal(run, rule));
  if (archived) run.log.info({ archiveKey: archived.key }, 'split parent archived');
  await step('ledger details', () =>
    updateRun(db, run.runId, {
      ...(removed ? { preparedKeys: [] } : {}),
      facts: { ...facts, archive: { archiveKey: archived?.key ?? null } },
    }),
  );
  await step('notify', () =>
    notifyOnce(
      deps,
      runMessage(run, 'SPLIT', { auditId, ...(prepared.checks && { checks: prepared.checks }) }),
    ),
  );
}
