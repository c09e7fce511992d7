// The processing function's use case: from an S3 event to claimed, validated, prepared and submitted loads.

import { wantsContentHash } from '../../core/contracts/content-policies.js';
import { withCheck } from '../../core/contracts/contract-check.js';
import { errorMessage, ValidationError } from '../../core/errors.js';
import { parseS3Event, type S3ObjectReference } from '../../core/events/s3-event.js';
import { prepareFile } from '../../core/ingest/prepare-file.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import { passChecks, planChecks } from '../../core/load-sql/plan-load.js';
import type { Rule } from '../../core/rules/rule.js';
import type { ObjectInfo } from '../../ports/object-store.js';
import { findRule, requireRule } from '../../records/rules/find-rule.js';
import type { Run } from '../../records/run.js';
import { isTransient } from '../classify-error.js';
import { abandonRun } from './abandon-run.js';
import { claimObject } from './claim-object.js';
import { decideCompensation } from './compensation.js';
import { checkContent } from './content-contract.js';
import { handleDuplicate } from './duplicate-delivery.js';
import { failRun } from './fail-run.js';
import { recordDuplicateMetrics, recordRunMetrics } from './file-metrics.js';
import { finishSplit } from './finish-split.js';
import { skipReason } from './intake.js';
import type { ProcessDependencies, ProcessEventResult, RecordResult } from './process-dependencies.js';
import { elapsed, type RunContext } from './run-context.js';
import { passSequence } from './sequence-gate.js';
import { skipDuplicate } from './skip-duplicate.js';
import { resubmitLoad, submitLoad } from './submit-load.js';

/**
 * Processes every record of an S3 event, one after the other (memory stays that of one file). A record's failure
 * never stops the others; a transient one is reported with `retry: true` for the handler to rethrow after all ran.
 */
export async function processEvent(deps: ProcessDependencies, event: unknown): Promise<ProcessEventResult> {
  const results: RecordResult[] = [];
  for (const record of eventRecords(event)) {
    let objects: S3ObjectReference[];
    try {
      // One record at a time, so a malformed record (say, a broken %-escape in its key) fails alone.
      objects = parseS3Event({ Records: [record] });
    } catch (error) {
      const key = rawKey(record);
      deps.log.error({ key, error: errorMessage(error), err: error }, 'record not understood');
      results.push({ key, status: 'failed', error: errorMessage(error) });
      continue;
    }
    for (const object of objects) results.push(await processObject(deps, object));
  }
  return { results };
}

/** The records of an S3 event; the whole event is refused (by parseS3Event) when it is not one. */
function eventRecords(event: unknown): unknown[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (Array.isArray(records)) return records;
  parseS3Event(event);
  return [];
}

function rawKey(record: unknown): string {
  const key = (record as { s3?: { object?: { key?: unknown } } } | null)?.s3?.object?.key;
  return typeof key === 'string' ? key : '';
}

export async function processObject(
  deps: ProcessDependencies,
  object: S3ObjectReference,
): Promise<RecordResult> {
  const { key } = object;
  const log = deps.log.child({ bucket: object.bucket, key });
  const skip = skipReason(object, deps.settings, deps.store.bucket);
  if (skip !== undefined) {
    log.info({ reason: skip }, 'record skipped');
    return { key, status: 'skipped', error: skip };
  }
  let run: RunContext | undefined;
  // Counted once, by the delivery that claimed the object (a resubmission is the same file again).
  let claimed: RunContext | undefined;
  try {
    const started = deps.now();
    const claim = await claimObject(deps, object);
    if (claim.kind === 'skipped') {
      log.info({ reason: claim.reason, runId: claim.runId }, 'record skipped');
      return { key, status: 'skipped', error: claim.reason, ...(claim.runId ? { runId: claim.runId } : {}) };
    }
    if (claim.kind === 'duplicate') {
      if (claim.run.state === 'SUBMITTED' && claim.run.statementId === null) {
        run = runOf(deps, log, claim.run, key, started);
        await resubmitLoad(run, claim.run);
        return { key, status: 'submitted', runId: run.runId };
      }
      const duplicate = await handleDuplicate(deps, log, key, claim.run);
      recordDuplicateMetrics(deps, claim.run);
      return duplicate;
    }
    run = runOf(deps, log, claim.run, key, started, claim.object);
    claimed = run;
    run.log.info(
      { bytes: claim.object.size, etag: claim.object.etag, durationMs: elapsed(deps, started) },
      'object claimed',
    );
    const result = await runClaimed(run);
    recordRunMetrics(run, result);
    return result;
  } catch (error) {
    const result = await handleFailure(log, key, run, error);
    if (claimed !== undefined) recordRunMetrics(claimed, result);
    return result;
  }
}

/**
 * Processes a run already claimed for `object` (a held run its releaser moved back to RECEIVED) exactly as a fresh
 * claim is processed; `release` says who let it past its sequence contract.
 */
export async function processClaimedRun(
  deps: ProcessDependencies,
  claimed: Run,
  object: ObjectInfo,
  release: RunContext['release'],
): Promise<RecordResult> {
  const log = deps.log.child({ bucket: claimed.bucket, key: claimed.key });
  const run = runOf(deps, log, claimed, claimed.key, deps.now(), object);
  run.release = release;
  if (claimed.auditId !== null) run.auditId = claimed.auditId;
  try {
    const result = await runClaimed(run);
    recordRunMetrics(run, result);
    return result;
  } catch (error) {
    const result = await handleFailure(log, claimed.key, run, error);
    recordRunMetrics(run, result);
    return result;
  }
}

async function runClaimed(run: RunContext): Promise<RecordResult> {
  const { deps } = run;
  const rule = await ruleOf(run);
  run.log.info({ interfaceName: rule.interfaceName, target: rule.target }, 'rule found');
  passChecks(planChecks(rule, run.object.size, deps.settings.minSizeBytes));
  if ((await passSequence(run, rule)) === 'held') return { key: run.key, status: 'held', runId: run.runId };
  const started = deps.now();
  const prepared = await prepareFile({
    store: deps.store,
    key: run.key,
    rule,
    runId: run.runId,
    processingPrefix: deps.settings.processingPrefix,
    inputPrefix: deps.settings.inputPrefix,
    now: run.startedAt,
    timezone: deps.settings.timezone,
    ...(deps.settings.maxExpansionRatio === undefined
      ? {}
      : { maxExpansionRatio: deps.settings.maxExpansionRatio }),
    size: run.object.size,
    etag: run.object.etag,
    ...(wantsContentHash(rule) && { hashContent: true }),
    ...(deps.onProgress && { onProgress: progressOf(run, deps.onProgress) }),
    ...(deps.deadline && { signal: deps.deadline }),
  });
  run.prepareMs = elapsed(deps, started);
  if (prepared.checks) run.checks = prepared.checks.reduce(withCheck, run.checks ?? []);
  run.steps.push({ step: 'wrote objects', keys: prepared.preparedKeys });
  run.log.info(
    {
      records: prepared.records,
      bytes: prepared.bytesRead,
      bytesScanned: prepared.bytesScanned,
      preparedKeys: prepared.preparedKeys,
      durationMs: elapsed(deps, started),
    },
    'file prepared',
  );
  if (prepared.split) {
    await finishSplit(run, rule, prepared, prepared.split);
    return { key: run.key, status: 'split', runId: run.runId };
  }
  if (prepared.load === undefined) {
    throw new Error(`rule ${rule.id}: preparation returned neither a load nor split parts`);
  }
  const verdict = await checkContent(run, rule, prepared);
  run.checks = verdict.checks.reduce(withCheck, run.checks ?? []);
  if (verdict.action === 'skip') {
    await skipDuplicate(run, rule, prepared, verdict);
    return { key: run.key, status: 'skipped', runId: run.runId, error: verdict.reason };
  }
  if (verdict.action === 'reject') throw new ValidationError(verdict.reason);
  await submitLoad(run, rule, prepared, prepared.load, verdict.replaces);
  run.log.info({ durationMs: elapsed(deps, run.startedAt) }, 'run submitted');
  return { key: run.key, status: 'submitted', runId: run.runId };
}

/**
 * The file's rule. Without a usable one the run fails, recorded under what the lookup did find: the matched rule of
 * a file of the wrong type, or the interface of several rules or of a broken one.
 */
async function ruleOf(run: RunContext): Promise<Rule> {
  const lookup = await findRule(run.deps.db, run.key);
  if (lookup.kind === 'found') {
    run.rule = lookup.rule;
    run.log = run.log.child({ interface: lookup.rule.interfaceId, rule: lookup.rule.id });
  } else if (lookup.kind === 'wrong-type') {
    run.rule = lookup.rule;
  } else if (lookup.kind === 'broken' || lookup.kind === 'several') {
    run.interfaceId = lookup.interfaceId;
  }
  return requireRule(lookup);
}

function progressOf(run: RunContext, report: NonNullable<ProcessDependencies['onProgress']>) {
  const { key, runId } = run;
  const size = run.object.size;
  return (progress: { bytes: number; records: number }) => report({ key, runId, size, ...progress });
}

async function handleFailure(
  log: ProcessDependencies['log'],
  key: string,
  run: RunContext | undefined,
  error: unknown,
): Promise<RecordResult> {
  const message = errorMessage(error);
  if (run === undefined) {
    // Nothing was claimed (the ledger or the store could not be reached): nothing to undo, nothing to audit.
    const retry = isTransient(error);
    log.error({ error: message, err: error, retry }, 'record failed before a claim');
    return { key, status: 'failed', error: message, retry };
  }
  const compensation = decideCompensation(run.steps, error);
  switch (compensation.kind) {
    case 'ask again':
      // The warehouse may or may not hold the load: the claim stays, and the redelivered event asks again with the
      // same client token, which cannot start a second load.
      run.log.error(
        { error: message, err: error },
        'submission outcome unknown; the retried event submits again',
      );
      return { key, status: 'failed', runId: run.runId, error: message, retry: true };
    case 'keep':
      // Submitted or split: repeating the work would load twice, so the error is logged and the claim kept.
      run.log.error(
        {
          error: message,
          err: error,
          committed: compensation.committed,
          statementId: compensation.statementId,
        },
        'run not fully recorded',
      );
      return { key, status: compensation.committed, runId: run.runId, error: message };
    case 'abandon':
      await abandonRun(run, error, compensation);
      return { key, status: 'failed', runId: run.runId, error: message, retry: true };
    case 'fail': {
      const { notified } = await failRun(run, error, compensation);
      return {
        key,
        status: 'failed',
        runId: run.runId,
        error: message,
        ...(notified ? {} : { retry: true }),
      };
    }
  }
}

function runOf(
  deps: ProcessDependencies,
  log: ProcessDependencies['log'],
  claimed: Run,
  key: string,
  startedAt: Date,
  object?: ObjectInfo,
): RunContext {
  return {
    deps,
    runId: claimed.id,
    key,
    fileName: fileNameOf(key),
    object: object ?? {
      key,
      size: claimed.sizeBytes ?? 0,
      etag: claimed.etag,
      lastModified: claimed.createdAt,
    },
    startedAt,
    claimedAt: claimed.createdAt,
    log: log.child({ runId: claimed.id }),
    steps: [],
  };
}
