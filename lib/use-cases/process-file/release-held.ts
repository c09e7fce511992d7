// Lets a held file go: by a person (`ferry release`, the gap ignored) or once it is next in line (the gap closed).
import { foundSequence, standingOf } from '../../core/contracts/sequence-contract.js';
import { errorMessage } from '../../core/errors.js';
import { sameEtag } from '../../core/keys/object-key.js';
import { recordAuditOutcome } from '../../records/audit.js';
import { lastSequence } from '../../records/feed-sequence.js';
import { heldRuns } from '../../records/held-runs.js';
import type { Run } from '../../records/run.js';
import { moveRun, retireRun } from '../../records/runs.js';
import type { ProcessDependencies, RecordResult } from './process-dependencies.js';
import { processClaimedRun } from './process-file.js';

/**
 * The compare-and-set HELD → RECEIVED admits one releaser however many try at once (a person, the reconciler, the
 * local runtime), so a held file is never loaded twice. The run then goes through the processing function's own path.
 */
export async function releaseHeld(
  deps: ProcessDependencies,
  run: Run,
  by: 'next' | 'person',
): Promise<RecordResult> {
  const log = deps.log.child({ runId: run.id, key: run.key });
  const claimed = await moveRun(deps.db, run.id, ['HELD'], 'RECEIVED');
  if (claimed === undefined) {
    return {
      key: run.key,
      status: 'skipped',
      runId: run.id,
      error: `expected run ${run.id} HELD, found it moved on`,
    };
  }
  const object = await deps.store.head(run.key);
  if (object === undefined || !sameEtag(object.etag, run.etag)) {
    // Someone removed or replaced the file by hand: nothing of this run is left to load.
    const found = object === undefined ? 'no object' : `ETag ${object.etag}`;
    const error = `expected the held file with ETag ${run.etag} in the input, found ${found}`;
    await retireRun(deps.db, run.id);
    log.warn({ error }, 'held file gone; run retired');
    return { key: run.key, status: 'skipped', runId: run.id, error };
  }
  if (run.auditId !== null) {
    await recordAuditOutcome(deps.db, run.auditId, {
      status: 'RELEASED',
      processed: false,
      endedAt: deps.now(),
      timezone: deps.settings.timezone,
      errorMessage: by === 'person' ? 'released by a person' : 'released: the missing sequence has loaded',
    });
  }
  log.info({ by }, 'held file released');
  return processClaimedRun(deps, { ...claimed, auditId: null }, object, by);
}

/**
 * Releases, per feed, the held file that is now next in line after the feed's last loaded number; its own load
 * then lets the one after it go on the next call. Files still behind a gap stay held, unnotified again.
 */
export async function releaseNextInLine(deps: ProcessDependencies, limit = 100): Promise<RecordResult[]> {
  const held = await heldRuns(deps.db, { limit });
  const results: RecordResult[] = [];
  const feeds = new Set(held.map((run) => run.ruleId).filter((id): id is number => id !== null));
  for (const ruleId of feeds) {
    const last = await lastSequence(deps.db, ruleId);
    const next = held.find((run) => {
      const sequence = foundSequence(run.facts.contract?.checks);
      return run.ruleId === ruleId && sequence !== undefined && standingOf(last, sequence).kind === 'next';
    });
    if (next === undefined) continue;
    try {
      results.push(await releaseHeld(deps, next, 'next'));
    } catch (error) {
      deps.log.error({ runId: next.id, error: errorMessage(error) }, 'held file not released');
      results.push({ key: next.key, status: 'failed', runId: next.id, error: errorMessage(error) });
    }
  }
  return results;
}
