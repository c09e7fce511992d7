// Loads a prepared file: manifest naming exactly its objects, the load batch, the ledger and audit, then submission.
import { insertAudit } from '../audit/audit.js';
import type { Rule } from '../config/rule.js';
import { buildLoad } from '../copy/build-load.js';
import { buildManifest, s3Url } from '../copy/manifest.js';
import { errorMessage, TerminalError } from '../errors.js';
import type { PreparedFile, PreparedLoad } from '../ingest/prepare-types.js';
import { transitionRun, updateRun } from '../ledger/runs.js';
import { elapsed, type RunContext } from './run-context.js';

/**
 * Everything the status function needs (ledger SUBMITTED with rule, audit id, prepared keys, details; audit row
 * SUBMITTED) is written before the batch is submitted, so a statement that finishes at once still finds its run.
 * Only the statement id is recorded afterwards. Returns the statement id.
 */
export async function submitLoad(run: RunContext, rule: Rule, prepared: PreparedFile, load: PreparedLoad) {
  const { deps } = run;
  const { db, store, settings } = deps;
  const manifestKey = `${settings.processingPrefix}${run.fileName}.manifest`;
  const manifest = buildManifest(store.bucket, load.keys);
  run.written.push(manifestKey);
  await store.put(manifestKey, manifest);
  run.log.info({ manifestKey, objects: load.keys.length }, 'manifest written');
  const loadedAt = deps.now().toISOString().replace('T', ' ').replace('Z', '');
  const batch = buildLoad({
    rule,
    runId: run.runId,
    fileName: run.fileName,
    loadedAt,
    manifestUrl: s3Url(store.bucket, manifestKey),
    iamRole: settings.iamRole,
    ...(settings.region === undefined ? {} : { region: settings.region }),
    compression: load.compression,
    hasHeader: load.hasHeader,
  });
  run.auditId = await insertAudit(db, {
    runId: run.runId,
    fileName: run.fileName,
    objectKey: run.key,
    status: 'SUBMITTED',
    interfaceId: rule.interfaceId,
    ruleId: rule.id,
    target: rule.target ?? null,
    escapeChar: rule.escapeChar ?? null,
    updateQuery: batch.updateQuery,
    startedAt: run.startedAt,
    endedAt: deps.now(),
    timezone: settings.timezone,
  });
  const moved = await transitionRun(db, run.runId, ['RECEIVED'], 'SUBMITTED', {
    ext_file_config_sid: rule.id,
    ext_interface_cid: rule.interfaceId,
    ext_file_audit_sid: run.auditId,
    prepared_keys: [...run.written],
    details: {
      fileName: run.fileName,
      records: prepared.records,
      bytes: run.object.size,
      bytesScanned: prepared.bytesScanned,
      ...(prepared.trailerCount === undefined ? {} : { trailerCount: prepared.trailerCount }),
      manifestKey,
      loadKeys: load.keys,
      compression: load.compression,
      hasHeader: load.hasHeader,
      loadedAt,
    },
  });
  if (moved === undefined) {
    throw new TerminalError(`expected run ${run.runId} to be RECEIVED before submission, found it moved on`);
  }
  const started = deps.now();
  const { id } = await deps.warehouse.submit({ name: batch.name, sqls: batch.sqls, withEvent: true });
  run.committed = 'submitted';
  run.statementId = id;
  run.log.info(
    {
      statementId: id,
      statementName: batch.name,
      statements: batch.sqls.length,
      durationMs: elapsed(deps, started),
    },
    'load submitted',
  );
  await recordStatementId(run, id);
  return id;
}

/** Best effort: the status event carries the statement id too, so a failure here is logged, not fatal. */
async function recordStatementId(run: RunContext, statementId: string): Promise<void> {
  const { db } = run.deps;
  try {
    await updateRun(db, run.runId, { statement_id: statementId });
    // Only fills the id: the status function may already have recorded the outcome on this row.
    await db
      .updateTable('rdscnfg.ext_file_audit')
      .set({ statement_id: statementId })
      .where('ext_file_audit_sid', '=', run.auditId ?? -1)
      .where('statement_id', 'is', null)
      .execute();
  } catch (error) {
    run.log.error({ statementId, error: errorMessage(error) }, 'statement id not recorded');
  }
}
