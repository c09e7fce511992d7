// The Metrics port: what the use cases count and time, one record per file event; adapters choose the format.

/** Every metric Ferry emits, with its CloudWatch unit. A closed set: dashboards and alarms name these. */
export const metricUnits = {
  /** A new run claimed an object (process-file). */
  FilesReceived: 'Count',
  /** A delivery of an object that already has a run (process-file). */
  FilesDuplicate: 'Count',
  /** A run released for a retry of its event (transient failure, or no time left before the timeout). */
  FilesRetried: 'Count',
  /** A run that ended FAILED or ABORTED (either function); 0 on every other file record, so Average is a rate. */
  FilesFailed: 'Count',
  /** A load recorded LOADED (log-status). */
  FilesLoaded: 'Count',
  /** The object's size as delivered. */
  BytesReceived: 'Bytes',
  /** The trailer's record count, else the data lines counted while preparing. */
  RowsExpected: 'Count',
  RowsLoaded: 'Count',
  RowsRejected: 'Count',
  /** 1 when rows loaded + rejected differ from the records validated (the run is then FAILED). */
  RowCountMismatch: 'Count',
  /** From the object's upload (its last-modified time) to the load's end. */
  UploadToLoadedSeconds: 'Seconds',
  /** Validating and preparing the file into processing/. */
  PrepareSeconds: 'Seconds',
  /**
   * Control checks (trailer count, control sum, control hash) a file failed while it was read, for rules with control
   * totals; 0 when all passed.
   */
  ControlChecksFailed: 'Count',
  /** A file with the same bytes as one its rule loaded under another name (duplicate_policy set). */
  DuplicateContent: 'Count',
  /** A loaded name sent again with other bytes (resend_policy set), whatever the policy did with it. */
  Resends: 'Count',
  /** Runs the reconciler found without a status event past the limit (emitted by the reconcile function). */
  StuckRunsFound: 'Count',
  /** A file whose sequence number skipped, repeated or went back (warned or held) (process-file). */
  SequenceBreaks: 'Count',
  /** A file kept in the input by its feed's sequence contract (policy hold) (process-file). */
  FilesHeld: 'Count',
  /** Held files waiting longer than the reconciler's limit, counted each pass (reconcile function). */
  HeldFilesOverdue: 'Count',
  /** A feed's due time passed without a file, once per miss (reconcile function). */
  LateFeeds: 'Count',
} as const;

export type MetricName = keyof typeof metricUnits;
export type MetricUnit = (typeof metricUnits)[MetricName];

/** How a file event ended, as recorded beside its metrics (a property, not a dimension). */
export const metricOutcomes = [
  'received',
  'submitted',
  'split',
  'skipped',
  'duplicate',
  'retried',
  'failed',
  'loaded',
  'aborted',
  'reconciled',
  'held',
] as const;
export type MetricOutcome = (typeof metricOutcomes)[number];

export interface MetricRecord {
  /** The feed: the interface id, bounded by the config rows. Absent when no rule named one. */
  interfaceId?: string;
  outcome: MetricOutcome;
  values: Partial<Record<MetricName, number>>;
  /** High-cardinality context, searchable in the log record but never a dimension. */
  runId?: string;
}

export interface Metrics {
  /** Writes one record of the metrics of one event, stamped `at`. Never throws: metrics must not fail a run. */
  record(record: MetricRecord, at: Date): void;
}
