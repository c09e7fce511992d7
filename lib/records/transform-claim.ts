// The post-load SQL is submitted once per run: a claim on the run's transform statement id decides who submits it.
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/** Marks the transform as claimed before submission, so two deliveries never both submit it. */
export const PENDING_TRANSFORM = 'pending';

/** True when this call claimed it: the run is LOADED and no transform was submitted (or claimed) for it. */
export async function claimTransform(db: Kysely<Database>, runId: string): Promise<boolean> {
  const claimed = await db
    .updateTable('rdscnfg.ferry_run')
    .set({ transform_statement_id: PENDING_TRANSFORM })
    .where('run_id', '=', runId)
    .where('state', '=', 'LOADED')
    .where('transform_statement_id', 'is', null)
    .returning('run_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Only replaces the claim: the transform's own event may already have recorded its id. */
export async function recordTransformSubmitted(
  db: Kysely<Database>,
  runId: string,
  statementId: string,
): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ transform_statement_id: statementId })
    .where('run_id', '=', runId)
    .where('transform_statement_id', '=', PENDING_TRANSFORM)
    .execute();
}

/** A submission that failed gives the claim back, so the retried event submits it. */
export async function releaseTransformClaim(db: Kysely<Database>, runId: string): Promise<void> {
  await db
    .updateTable('rdscnfg.ferry_run')
    .set({ transform_statement_id: null })
    .where('run_id', '=', runId)
    .where('transform_statement_id', '=', PENDING_TRANSFORM)
    .execute();
}
