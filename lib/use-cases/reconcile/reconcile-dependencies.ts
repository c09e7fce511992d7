// What the reconciler needs: the status function's dependencies plus how late a run must be and how many per pass.
import type { WarehouseSettings } from '../../core/settings/settings.js';
import type { Dependencies } from '../dependencies.js';
import type { StatusOutcome, StatusSettings } from '../log-status/status-dependencies.js';
import type { ProcessSettings, RecordResult } from '../process-file/process-dependencies.js';

/** Process settings too: a held file released by the pass is processed as its upload would have been. */
export interface ReconcileSettings extends StatusSettings, ProcessSettings {
  region: string;
  /** Held files waiting longer than this many minutes are reported by each pass (default 60). */
  heldAlertMinutes?: number;
  /** Names the cluster or workgroup in the status events the reconciler builds. */
  warehouse?: Pick<WarehouseSettings, 'clusterIdentifier' | 'workgroupName'>;
  /** A run waits this long for its statement's event before the reconciler finishes it (FERRY_RECONCILE_AFTER_MINUTES). */
  reconcileAfterMinutes: number;
  /** Runs per pass (FERRY_RECONCILE_MAX_RUNS); the rest wait for the next pass. */
  reconcileMaxRuns: number;
}

export type ReconcileDependencies = Dependencies<ReconcileSettings>;

/** What one run came to: finished through log-status's path, failed, left running, or not checked (an error). */
export type ResumeOutcome =
  | { runId: string; action: 'resumed'; status: string; outcome: StatusOutcome }
  | { runId: string; action: 'failed'; outcome: StatusOutcome }
  | { runId: string; action: 'running'; status: string }
  | { runId: string; action: 'error'; error: string };

export interface ReconcileReport {
  /** Runs checked this pass, oldest first. */
  runs: ResumeOutcome[];
  /** True when the pass took maxRuns and more overdue runs may be waiting. */
  more: boolean;
  /** Notifications published that no event would have published (a hold that expired, a publish that failed). */
  notified: number;
  /** Held files released because the number before them loaded, and how many wait past the alert limit. */
  held: { released: RecordResult[]; overdue: number };
  /** Feeds whose due time passed without a file, noticed (and notified) this pass. */
  late: number;
}
