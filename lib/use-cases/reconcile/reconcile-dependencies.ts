// What the reconciler needs: the status function's dependencies plus how late a run must be and how many per pass.
import type { WarehouseSettings } from '../../core/settings/settings.js';
import type { Dependencies } from '../dependencies.js';
import type { StatusOutcome, StatusSettings } from '../log-status/status-dependencies.js';

export interface ReconcileSettings extends StatusSettings {
  region: string;
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
}
