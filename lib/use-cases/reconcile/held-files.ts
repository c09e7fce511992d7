// The reconciler's look at held files: releases those now next in line, and counts those held too long.
import { errorMessage } from '../../core/errors.js';
import { heldRuns } from '../../records/held-runs.js';
import type { RecordResult } from '../process-file/process-dependencies.js';
import { releaseNextInLine } from '../process-file/release-held.js';
import type { ReconcileDependencies } from './reconcile-dependencies.js';

/** A file held longer than this (minutes) is reported by every pass, unless the settings say otherwise. */
export const defaultHeldAlertMinutes = 60;

export interface HeldReport {
  /** Held files let go this pass because the number before them has loaded. */
  released: RecordResult[];
  /** Held files waiting longer than the alert limit. */
  overdue: number;
}

export async function checkHeldFiles(deps: ReconcileDependencies): Promise<HeldReport> {
  let released: RecordResult[] = [];
  try {
    released = await releaseNextInLine(deps);
  } catch (error) {
    deps.log.error({ error: errorMessage(error) }, 'held files not released');
  }
  const minutes = deps.settings.heldAlertMinutes ?? defaultHeldAlertMinutes;
  const before = new Date(deps.now().getTime() - minutes * 60_000);
  const overdue = await heldRuns(deps.db, { updatedBefore: before, limit: 1000 });
  if (overdue.length > 0) {
    deps.log.warn(
      { held: overdue.map((run) => ({ runId: run.id, key: run.key, since: run.updatedAt })), minutes },
      'files held longer than the limit',
    );
  }
  deps.metrics?.record({ outcome: 'reconciled', values: { HeldFilesOverdue: overdue.length } }, deps.now());
  return { released, overdue: overdue.length };
}
