// A delivery of an object that already has a run: nothing to load, but maybe something the first one left undone.

import { publishPending } from '../../records/notify-once.js';
import type { Run } from '../../records/run.js';
import { stillInInput } from './claim-object.js';
import type { ProcessDependencies, RecordResult } from './process-dependencies.js';

const loadedStates = ['LOADED', 'TRANSFORMED', 'TRANSFORM_FAILED'];

/** The error of a delivery left in the input because the same bytes were already loaded. */
export const alreadyLoaded = 'identical content already loaded';

export async function handleDuplicate(
  deps: ProcessDependencies,
  log: ProcessDependencies['log'],
  key: string,
  run: Run,
): Promise<RecordResult> {
  const context = { runId: run.id, state: run.state, auditId: run.auditId };
  if (loadedStates.includes(run.state) && (await stillInInput(deps, run))) {
    // Same bytes as a file already loaded: loading them again would duplicate rows, so it waits for a person.
    log.warn(
      context,
      'identical content was already loaded; left in the input (ferry reprocess --force loads it again)',
    );
    return { key, status: 'duplicate', runId: run.id, error: alreadyLoaded };
  }
  log.info(context, 'duplicate delivery ignored');
  // The first delivery may have ended before its notification went out (the notifier failed): send it now.
  await publishPending(deps, run.id);
  return { key, status: 'duplicate', runId: run.id };
}
