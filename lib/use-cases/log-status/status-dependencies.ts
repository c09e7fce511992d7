// What the status function needs from the outside world, and what it reports back for one event.
import type { StatementKind } from '../../core/load-sql/statement-name.js';
import type { Dependencies } from '../dependencies.js';

export interface StatusSettings {
  /** IANA zone of audit times and archive suffixes (the original's `timezone`). */
  timezone: string;
  /** The original's `custom_error_msg`, appended to failure texts. */
  customErrorMessage?: string;
  /** `external_input/`: originals are only ever moved out of here. */
  inputPrefix: string;
  /** `archive/`: loaded files go to `<archive>/<interface cid>/`, failed ones to `<archive>/error/`. */
  archivePrefix: string;
  /** `processing/`: prepared copies are only ever moved out of here. */
  processingPrefix: string;
  /** Pauses (ms) before each new try of follow-up SQL refused transiently; default about 0.5, 2 and 8 s. */
  submitRetryDelaysMs?: readonly number[];
}

export type StatusDependencies = Dependencies<StatusSettings>;

export const ignoredReasons = ['not-ferry', 'unknown-run', 'other-statement'] as const;
export type IgnoredReason = (typeof ignoredReasons)[number];

export type StatusOutcome =
  /** Not an event this function acts on. */
  | { result: 'ignored'; reason: IgnoredReason; statementId: string; runId?: string }
  /** A repeated, late or out-of-order event: the run was already past it (a pending notification may be resent). */
  | { result: 'unchanged'; runId: string; kind: StatementKind; state: string }
  /** The event moved the run on, or (rejected rows) stored what it reported. */
  | { result: 'recorded'; runId: string; kind: StatementKind; state: string }
  /** A terminal failure (malformed event, rule gone, an error every retry would repeat) ended the run. */
  | { result: 'failed'; runId: string; kind: StatementKind; state: string; error: string }
  /** A malformed event naming no run: logged and reported, never retried (a retry would be just as malformed). */
  | { result: 'rejected'; reason: 'malformed'; error: string };
