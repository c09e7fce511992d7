// One notification per (run, status): the row in ferry_notification is taken first, and given back if publishing fails.
import { errorMessage } from '../errors.js';
import type { FileStatusMessage } from '../ports/notifier.js';
import type { StatusDependencies } from './status-dependencies.js';

/** True when this call published; false when another delivery already had (or is publishing). */
export async function notifyOnce(deps: StatusDependencies, message: FileStatusMessage): Promise<boolean> {
  const key = { run_id: message.runId, status: message.status };
  const taken = await deps.db
    .insertInto('rdscnfg.ferry_notification')
    .values(key)
    .onConflict((oc) => oc.columns(['run_id', 'status']).doNothing())
    .returning('run_id')
    .executeTakeFirst();
  if (taken === undefined) {
    deps.log.info({ runId: message.runId, status: message.status }, 'notification already sent');
    return false;
  }
  try {
    await deps.notifier.publish(message);
  } catch (error) {
    // Give the slot back so that the platform's retry of this event publishes it.
    await deps.db
      .deleteFrom('rdscnfg.ferry_notification')
      .where('run_id', '=', key.run_id)
      .where('status', '=', key.status)
      .execute();
    deps.log.error(
      { runId: message.runId, status: message.status, error: errorMessage(error) },
      'notification failed',
    );
    throw error;
  }
  deps.log.info({ runId: message.runId, status: message.status }, 'notification sent');
  return true;
}
