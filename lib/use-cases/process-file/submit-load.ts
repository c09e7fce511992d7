// Loads a prepared file: manifest naming exactly its objects, the load batch, the ledger and audit, then submission.

import { errorMessage, TerminalError } from '../../core/errors.js';
import { manifestKey as manifestKeyOf } from '../../core/ingest/file-names.js';
import type { PreparedFile, PreparedLoad } from '../../core/ingest/prepare-types.js';
import { buildLoad, type LoadSql } from '../../core/load-sql/build-load.js';
import { buildManifest, s3Url } from '../../core/load-sql/manifest.js';
import type { Compression, Rule } from '../../core/rules/rule.js';
import type { SubmitRequest } from '../../ports/warehouse.js';
import { insertAudit, recordAuditStatementId } from '../../records/audit.js';
import { ruleById } from '../../records/rules/rule-by-id.js';
import type { Run } from '../../records/run.js';
import { moveRun, updateRun } from '../../records/runs.js';
import { isTransient } from './classify-error.js';
import type { ProcessDependencies } from './process-dependencies.js';
import { elapsed, type RunContext } from './run-context.js';

/**
 * Everything the status function needs (ledger SUBMITTED with rule, audit id, prepared keys, details; audit row
 * SUBMITTED) is written before the batch is submitted, so a statement that finishes at once still finds its run.
 * Only the statement id is recorded afterwards. Returns the statement id.
 */
export async function submitLoad(run: RunContext, rule: Rule, prepared: PreparedFile, load: PreparedLoad) {
  const { deps } = run;
  const { db, store, settings } = deps;
  const manifestKey = manifestKeyOf(settings.processingPrefix, run.runId, run.fileName);
  const manifest = buildManifest(store.bucket, load.keys);
  run.written.push(manifestKey);
  await store.put(manifestKey, manifest);
  run.log.info({ manifestKey, objects: load.keys.length }, 'manifest written');
  const loadedAt = deps.now().toISOString().replace('T', ' ').replace('Z', '');
  const batch = loadBatch(deps, rule, {
    runId: run.runId,
    fileName: run.fileName,
    loadedAt,
    manifestKey,
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
  const moved = await moveRun(db, run.runId, ['RECEIVED'], 'SUBMITTED', {
    ruleId: rule.id,
    interfaceId: rule.interfaceId,
    auditId: run.auditId,
    preparedKeys: [...run.written],
    facts: {
      file: {
        fileName: run.fileName,
        records: prepared.records,
        bytes: run.object.size,
        bytesScanned: prepared.bytesScanned,
        ...(prepared.trailerCount === undefined ? {} : { trailerCount: prepared.trailerCount }),
      },
      load: {
        manifestKey,
        loadKeys: load.keys,
        compression: load.compression,
        hasHeader: load.hasHeader,
        loadedAt,
      },
    },
  });
  if (moved === undefined) {
    throw new TerminalError(`expected run ${run.runId} to be RECEIVED before submission, found it moved on`);
  }
  const started = deps.now();
  const id = await submitSafely(run, batch);
  run.log.info(
    {
      statementId: id,
      statementName: batch.name,
      statements: batch.sqls.length,
      durationMs: elapsed(deps, started),
    },
    'load submitted',
  );
  return id;
}

interface BatchFacts {
  runId: string;
  fileName: string;
  loadedAt: string;
  manifestKey: string;
  compression: Compression;
  hasHeader: boolean;
}

/** The load batch of a run; the same facts always give the same SQL, so a resubmission repeats it exactly. */
function loadBatch(deps: ProcessDependencies, rule: Rule, facts: BatchFacts) {
  const { store, settings } = deps;
  return buildLoad({
    rule,
    runId: facts.runId,
    fileName: facts.fileName,
    loadedAt: facts.loadedAt,
    manifestUrl: s3Url(store.bucket, facts.manifestKey),
    iamRole: settings.iamRole,
    ...(settings.region === undefined ? {} : { region: settings.region }),
    compression: facts.compression,
    hasHeader: facts.hasHeader,
  });
}

/**
 * The run's id is the submission's client token, so asking again cannot start a second load: if an earlier request
 * reached the warehouse, the repeat returns its statement. A transient failure is asked again once at once; if that
 * fails too the run stays SUBMITTED without a statement (`committed`, so nothing is undone) and the error goes up:
 * the platform redelivers the event and `resubmitLoad` asks again. A terminal refusal means nothing ran.
 * Returns the statement id, recorded on the run.
 */
async function submitSafely(run: RunContext, batch: LoadSql): Promise<string> {
  run.committed = 'submitted';
  const request = { name: batch.name, sqls: batch.sqls, withEvent: true, clientToken: run.runId };
  const id = await askWarehouse(run, request);
  run.statementId = id;
  await recordStatementId(run, id);
  return id;
}

async function askWarehouse(run: RunContext, request: SubmitRequest): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await run.deps.warehouse.submit(request)).id;
    } catch (error) {
      if (!isTransient(error)) {
        run.committed = undefined;
        throw error;
      }
      if (attempt === 2) throw error;
      run.log.warn(
        { error: errorMessage(error) },
        'submission failed; asking again with the same client token',
      );
    }
  }
}

/**
 * A redelivered event for a run left SUBMITTED without a statement id (its submission failed, or its answer was
 * lost): submits the same batch with the same client token. Returns the statement id.
 */
export async function resubmitLoad(run: RunContext, submitted: Run): Promise<string> {
  const facts = submitted.facts.load ?? {};
  if (submitted.ruleId === null || !facts.manifestKey || !facts.loadedAt || !facts.compression) {
    throw new TerminalError(`run ${submitted.id} is SUBMITTED without the facts to submit its load again`);
  }
  const rule = await ruleById(run.deps.db, submitted.ruleId);
  const batch = loadBatch(run.deps, rule, {
    runId: submitted.id,
    fileName: run.fileName,
    loadedAt: facts.loadedAt,
    manifestKey: facts.manifestKey,
    compression: facts.compression,
    hasHeader: facts.hasHeader === true,
  });
  if (submitted.auditId !== null) run.auditId = submitted.auditId;
  const id = await submitSafely(run, batch);
  run.log.info({ statementId: id, statementName: batch.name }, 'load submitted again');
  return id;
}

/** Best effort: the status event carries the statement id too, so a failure here is logged, not fatal. */
async function recordStatementId(run: RunContext, statementId: string): Promise<void> {
  const { db } = run.deps;
  try {
    await updateRun(db, run.runId, { statementId });
    // Only fills the id: the status function may already have recorded the outcome on this row.
    if (run.auditId !== undefined) await recordAuditStatementId(db, run.auditId, statementId);
  } catch (error) {
    run.log.error({ statementId, error: errorMessage(error) }, 'statement id not recorded');
  }
}
