// Claims one S3 object in the run ledger: exactly one run per (bucket, key, ETag), however often it is delivered.
import type { S3ObjectReference } from '../../core/events/s3-event.js';
import { sameEtag } from '../../core/keys/object-key.js';
import type { ObjectInfo } from '../../ports/object-store.js';
import type { Run } from '../../records/run.js';
import { claimRun, releaseClaim, retireRun } from '../../records/runs.js';
import type { ProcessDependencies } from './process-dependencies.js';

export type ClaimOutcome =
  | { kind: 'claimed'; run: Run; object: ObjectInfo }
  | { kind: 'duplicate'; run: Run }
  | { kind: 'skipped'; reason: string; runId?: string };

export const defaultStaleClaimMs = 15 * 60 * 1000;

export async function claimObject(deps: ProcessDependencies, ref: S3ObjectReference): Promise<ClaimOutcome> {
  const { db, store } = deps;
  // An event without identity (rare: hand-built or test events) is identified by asking the store.
  let object = ref.etag === null || ref.size === null ? await store.head(ref.key) : undefined;
  const etag = ref.etag ?? object?.etag;
  if (etag === undefined)
    return { kind: 'skipped', reason: 'expected the object to exist, found no such key' };
  const identity = { bucket: ref.bucket, key: ref.key, etag, size: ref.size ?? object?.size };
  let claim = await claimRun(db, identity);
  if (!claim.claimed) {
    const released =
      (await releaseIfStale(deps, claim.run)) || (await releaseIfUploadedAgain(deps, claim.run));
    if (!released) return { kind: 'duplicate', run: claim.run };
    claim = await claimRun(db, identity);
    if (!claim.claimed) return { kind: 'duplicate', run: claim.run };
  }
  try {
    object ??= await store.head(ref.key);
  } catch (error) {
    // Nothing was done under the claim yet: give it back so the platform's retry can claim the object again.
    await releaseClaim(db, claim.run.id, 'the object could not be read; retrying', deps.now());
    throw error;
  }
  if (object === undefined || !sameEtag(object.etag, etag)) {
    // The key now holds other content (its own event follows) or nothing: this delivery has nothing to load.
    const found = object === undefined ? 'no object' : `ETag ${object.etag}`;
    const reason = `expected the object with ETag ${etag}, found ${found}; it was replaced or removed`;
    await releaseClaim(db, claim.run.id, reason, deps.now());
    return { kind: 'skipped', reason, runId: claim.run.id };
  }
  return { kind: 'claimed', run: claim.run, object };
}

/**
 * A RECEIVED claim that has not moved for longer than any invocation can live was left by one that died. Retiring
 * it lets this delivery claim the object; of several concurrent deliveries the unique index still admits one.
 */
async function releaseIfStale(deps: ProcessDependencies, run: Run): Promise<boolean> {
  if (run.state !== 'RECEIVED') return false;
  const cutoff = new Date(deps.now().getTime() - (deps.settings.staleClaimMs ?? defaultStaleClaimMs));
  if (run.updatedAt.getTime() >= cutoff.getTime()) return false;
  deps.log.warn({ runId: run.id, key: run.key, claimedAt: run.createdAt }, 'stale claim released');
  await releaseClaim(deps.db, run.id, 'claim abandoned by an invocation that did not finish', deps.now());
  return true;
}

/**
 * A failed run's file was moved to archive/error, so the same content back in the input is an upload after a fix
 * (or `ferry reprocess`): it runs again. The failed run is retired and keeps its audit row. A repeated delivery of the
 * failed upload's own event finds no object in the input and changes nothing.
 */
async function releaseIfUploadedAgain(deps: ProcessDependencies, run: Run): Promise<boolean> {
  if (run.state !== 'FAILED' && run.state !== 'ABORTED') return false;
  if (!(await stillInInput(deps, run))) return false;
  // Concurrent deliveries may both retire it; the unique index still admits one new claim.
  await retireRun(deps.db, run.id);
  deps.log.info({ runId: run.id, key: run.key }, 'failed file uploaded again; it runs again');
  return true;
}

/** The run's own object (same key, same ETag) is in the input: it was uploaded again, or never moved out. */
export async function stillInInput(
  deps: Pick<ProcessDependencies, 'store'>,
  run: Pick<Run, 'key' | 'etag'>,
): Promise<boolean> {
  const object = await deps.store.head(run.key);
  return object !== undefined && sameEtag(object.etag, run.etag);
}
