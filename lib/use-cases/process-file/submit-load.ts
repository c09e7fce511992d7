// Carries out a load's plan: manifest naming exactly its objects, the ledger and audit, then the batch's submission.

import type { LoadedRun } from '../../core/contracts/content-verdict.js';
import { errorMessage, TerminalError } from '../../core/errors.js';
import { manifestKey as manifestKeyOf } from '../../core/ingest/file-names.js';
import type { PreparedFile, PreparedLoad } from '../../core/ingest/prepare-types.js';
import { objectVersion } from '../../core/keys/object-key.js';
import { type LoadPlan, planLoad } from '../../core/load-sql/plan-load.js';
import type { Rule } from '../../core/rules/rule.js';
import type { SubmitRequest } from '../../ports/warehouse.js';
import { insertAudit, recordAuditStatementId } from '../../records/audit.js';
import { ruleById } from '../../records/rules/rule-by-id.js';
import type { Run } from '../../records/run.js';
import { moveRun, updateRun } from '../../records/runs.js';
import { submitWithRetry } from '../submit-with-retry.js';
import { writtenKeys } from './compensation.js';
import { elapsed, fileFacts, type RunContext } from './run-context.js';

/**
 * Everything the status function needs (ledger SUBMITTED with rule, audit id, prepared keys, details; audit row
 * SUBMITTED) is written before the batch is submitted, so a statement that finishes at once still finds its run.
 * Only the statement id is recorded afterwards. Returns the statement id.
 */
export async function submitLoad(
  run: RunContext,
  rule: Rule,
  prepared: PreparedFile,
  load: PreparedLoad,
  replaces?: LoadedRun,
) {
  const { deps } = run;
  const { db, store, settings } = deps;
  const plan = planLoad({
    rule,
    runId: run.runId,
    fileName: run.fileName,
    loadedAt: deps.now(),
    bucket: store.bucket,
    manifestKey: manifestKeyOf(settings.processingPrefix, run.runId, run.fileName),
    iamRole: settings.iamRole,
    ...(settings.region === undefined ? {} : { region: settings.region }),
    load,
    ...(replaces && { replacesLoadedAt: replaces.loadedAt }),
    ...(rule.lineage && { sourceVersion: objectVersion(run.object) }),
  });
  const { manifestKey, loadedAt } = plan;
  run.steps.push({ step: 'wrote objects', keys: [manifestKey] });
  await store.put(manifestKey, plan.manifest);
  run.log.info({ manifestKey, objects: load.keys.length }, 'manifest written');
  const auditId = await insertAudit(db, {
    runId: run.runId,
    fileName: run.fileName,
    objectKey: run.key,
    status: 'SUBMITTED',
    interfaceId: rule.interfaceId,
    ruleId: rule.id,
    target: rule.target ?? null,
    escapeChar: rule.escapeChar ?? null,
    updateQuery: plan.updateQuery,
    ...(prepared.checks && { checks: prepared.checks }),
    startedAt: run.startedAt,
    endedAt: deps.now(),
    timezone: settings.timezone,
    ...(run.checks && { checks: run.checks }),
  });
  run.steps.push({ step: 'audited', auditId });
  const moved = await moveRun(db, run.runId, ['RECEIVED'], 'SUBMITTED', {
    ruleId: rule.id,
    interfaceId: rule.interfaceId,
    auditId,
    preparedKeys: writtenKeys(run.steps),
    facts: {
      file: fileFacts(run, prepared),
      load: {
        manifestKey,
        loadKeys: load.keys,
        compression: load.compression,
        hasHeader: load.hasHeader,
        loadedAt,
        ...(replaces && { replacesRunId: replaces.runId, replacesLoadedAt: replaces.loadedAt }),
        ...(plan.sourceVersion === undefined ? {} : { sourceVersion: plan.sourceVersion }),
      },
      ...(run.checks?.length && { contract: { checks: run.checks } }),
    },
    ...(prepared.sha256 === undefined ? {} : { contentHash: prepared.sha256 }),
  });
  if (moved === undefined) {
    throw new TerminalError(`expected run ${run.runId} to be RECEIVED before submission, found it moved on`);
  }
  const started = deps.now();
  const id = await submitSafely(run, plan, auditId);
  run.log.info(
    {
      statementId: id,
      statementName: plan.statementName,
      statements: plan.sqls.length,
      durationMs: elapsed(deps, started),
    },
    'load submitted',
  );
  return id;
}

/**
 * The run's id is the submission's client token, so asking again cannot start a second load: if an earlier request
 * reached the warehouse, the repeat returns its statement. A transient failure (throttling, too many active
 * statements, no connection) is asked again after growing pauses; if the last try fails too the run stays SUBMITTED
 * without a statement (nothing is undone: see compensation.ts) and the error goes up: the platform redelivers the
 * event and `resubmitLoad` asks again. A terminal refusal means nothing ran. Returns the statement id, recorded on
 * the run.
 */
async function submitSafely(run: RunContext, plan: LoadPlan, auditId: number | undefined): Promise<string> {
  run.steps.push({ step: 'asked the warehouse' });
  const request = { name: plan.statementName, sqls: plan.sqls, withEvent: true, clientToken: run.runId };
  const id = await askWarehouse(run, request);
  run.steps.push({ step: 'submitted', statementId: id });
  await recordStatementId(run, id, auditId);
  return id;
}

async function askWarehouse(run: RunContext, request: SubmitRequest): Promise<string> {
  const deps = { warehouse: run.deps.warehouse, log: run.log };
  return (await submitWithRetry(deps, request, run.deps.settings.submitRetryDelaysMs)).id;
}

/**
 * A redelivered event for a run left SUBMITTED without a statement id (its submission failed, or its answer was
 * lost): submits the same batch with the same client token. Returns the statement id.
 */
export async function resubmitLoad(run: RunContext, submitted: Run): Promise<string> {
  const { deps } = run;
  const facts = submitted.facts.load ?? {};
  if (
    submitted.ruleId === null ||
    !facts.manifestKey ||
    !facts.loadKeys?.length ||
    !facts.loadedAt ||
    !facts.compression
  ) {
    throw new TerminalError(`run ${submitted.id} is SUBMITTED without the facts to submit its load again`);
  }
  const rule = await ruleById(deps.db, submitted.ruleId);
  // The same facts give the same plan: the batch repeats the first attempt's exactly.
  const plan = planLoad({
    rule,
    runId: submitted.id,
    fileName: run.fileName,
    loadedAt: facts.loadedAt,
    bucket: deps.store.bucket,
    manifestKey: facts.manifestKey,
    iamRole: deps.settings.iamRole,
    ...(deps.settings.region === undefined ? {} : { region: deps.settings.region }),
    load: { keys: facts.loadKeys, compression: facts.compression, hasHeader: facts.hasHeader === true },
    ...(facts.replacesLoadedAt === undefined ? {} : { replacesLoadedAt: facts.replacesLoadedAt }),
    ...(facts.sourceVersion !== undefined && { sourceVersion: facts.sourceVersion }),
  });
  const auditId = submitted.auditId ?? undefined;
  if (auditId !== undefined) run.steps.push({ step: 'audited', auditId });
  const id = await submitSafely(run, plan, auditId);
  run.log.info({ statementId: id, statementName: plan.statementName }, 'load submitted again');
  return id;
}

/** Best effort: the status event carries the statement id too, so a failure here is logged, not fatal. */
async function recordStatementId(
  run: RunContext,
  statementId: string,
  auditId: number | undefined,
): Promise<void> {
  const { db } = run.deps;
  try {
    await updateRun(db, run.runId, { statementId });
    // Only fills the id: the status function may already have recorded the outcome on this row.
    if (auditId !== undefined) await recordAuditStatementId(db, auditId, statementId);
  } catch (error) {
    run.log.error({ statementId, error: errorMessage(error) }, 'statement id not recorded');
  }
}

/** Row lineage's version: the S3 version id on a versioned bucket, else the ETag without its quotes. */
