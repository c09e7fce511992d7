// One notification per (run, status), at least once: kept as pending with its message, published, then marked sent.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { errorMessage } from '../core/errors.js';
import { storableJson } from '../core/text/safe-text.js';
import type { Logger } from '../ports/logger.js';
import type { FileStatusMessage, Notifier } from '../ports/notifier.js';
import type { Database } from './tables.js';

export interface NotifyDependencies {
  db: Kysely<Database>;
  notifier: Notifier;
  log: Logger;
}

/** An attempt that claimed a notification and died gives it up after this long. */
const CLAIM_LEASE = sql`interval '5 minutes'`;

/** How long a held notification waits for its revision before any delivery (or the reconciler) publishes it. */
const HOLD = sql`interval '5 minutes'`;

/** True when this call published; false when another delivery already had (or is publishing, or it is held). */
export async function notifyOnce(deps: NotifyDependencies, message: FileStatusMessage): Promise<boolean> {
  await keepPending(deps.db, message, false);
  const published = await publishPending(deps, message.runId, message.status);
  if (published === 0)
    deps.log.info({ runId: message.runId, status: message.status }, 'notification already sent, or held');
  return published > 0;
}

/**
 * Keeps the notification pending without publishing it for a while (a failed COPY's, until the follow-up that reads
 * its row-level reason revises it). If the revision never comes, it is published as it is once the hold expires.
 */
export async function holdNotification(db: Kysely<Database>, message: FileStatusMessage): Promise<void> {
  await keepPending(db, message, true);
}

/**
 * Publishes a held notification now, with `error` in place of the one it was held with (when given). Nothing to do
 * when it was already published, e.g. once its hold had expired.
 */
export async function releaseHeld(
  deps: NotifyDependencies,
  runId: string,
  status: string,
  error?: string,
): Promise<boolean> {
  const slot = deps.db
    .updateTable('rdscnfg.ferry_notification')
    .where('run_id', '=', runId)
    .where('status', '=', status)
    .where('sent_at', 'is', null)
    .where('claimed_at', 'is', null);
  if (error === undefined) await slot.set({ held_until: null }).execute();
  else {
    const errorJson = storableJson(JSON.stringify(error));
    await slot
      .set({ held_until: null, message: sql`jsonb_set(message, '{error}', ${errorJson}::jsonb)` })
      .execute();
  }
  return (await publishPending(deps, runId, status)) > 0;
}

async function keepPending(db: Kysely<Database>, message: FileStatusMessage, hold: boolean): Promise<void> {
  await db
    .insertInto('rdscnfg.ferry_notification')
    .values({
      run_id: message.runId,
      status: message.status,
      sent_at: null,
      message: storableJson(JSON.stringify(message)),
      ...(hold ? { held_until: sql<Date>`now() + ${HOLD}` } : {}),
    })
    .onConflict((oc) => oc.columns(['run_id', 'status']).doNothing())
    .execute();
}

/** Unsent, not held, and not being published by a live attempt. */
function publishable(eb: ExpressionBuilder<Database, 'rdscnfg.ferry_notification'>) {
  return eb.and([
    eb('sent_at', 'is', null),
    eb.or([eb('held_until', 'is', null), eb('held_until', '<', sql<Date>`now()`)]),
    eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', sql<Date>`now() - ${CLAIM_LEASE}`)]),
  ]);
}

/**
 * Publishes the run's pending notifications (one status, or all): each is claimed first, so concurrent deliveries
 * publish it once; a failure gives the claim back and is rethrown so the platform's retry publishes it.
 */
export async function publishPending(
  deps: NotifyDependencies,
  runId: string,
  status?: string,
): Promise<number> {
  let query = deps.db
    .updateTable('rdscnfg.ferry_notification')
    .set({ claimed_at: sql`now()` })
    .where('run_id', '=', runId)
    .where(publishable);
  if (status !== undefined) query = query.where('status', '=', status);
  const claimed = await query.returning(['status', 'message']).execute();
  for (const { status: claimedStatus, message } of claimed) {
    const slot = (q: typeof query) => q.where('run_id', '=', runId).where('status', '=', claimedStatus);
    try {
      if (message === null)
        throw new Error(`notification ${runId}/${claimedStatus} has no message to publish`);
      await deps.notifier.publish(message);
    } catch (error) {
      await slot(deps.db.updateTable('rdscnfg.ferry_notification').set({ claimed_at: null })).execute();
      deps.log.error({ runId, status: claimedStatus, error: errorMessage(error) }, 'notification failed');
      throw error;
    }
    await slot(deps.db.updateTable('rdscnfg.ferry_notification').set({ sent_at: sql`now()` })).execute();
    deps.log.info({ runId, status: claimedStatus }, 'notification sent');
  }
  return claimed.length;
}

/**
 * Runs with a notification no delivery will publish by itself: a held one whose revision never came, or one whose
 * publish failed for good. A notification being published right now is skipped (claimed).
 */
export async function runsWithUnsentNotifications(db: Kysely<Database>, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('rdscnfg.ferry_notification')
    .select('run_id')
    .distinct()
    .where(publishable)
    .orderBy('run_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.run_id);
}
