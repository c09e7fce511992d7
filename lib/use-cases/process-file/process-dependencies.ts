// What the processing function needs from the outside world, and what it reports per S3 record.
import type { Dependencies } from '../dependencies.js';

export interface ProcessSettings {
  /** Where partners drop files, with its trailing slash: `external_input/`. */
  inputPrefix: string;
  /** Where prepared copies and manifests go: `processing/`. */
  processingPrefix: string;
  /** The archive folder: `archive/` (failures under `archive/error/`). */
  archivePrefix: string;
  /** The original's `threshold_file_size_bytes`; a rule's `min_size_bytes` wins. */
  minSizeBytes: number;
  /** Decompressed bytes allowed per compressed byte; a rule's max_expansion_ratio wins. */
  maxExpansionRatio?: number;
  /** The role COPY assumes (ARN, comma-separated chain, or `default`). */
  iamRole: string;
  region?: string;
  /** IANA zone of audit times and archive stamps. */
  timezone: string;
  /** The original's `custom_error_msg`, carried by failure notifications. */
  customErrorMessage?: string;
  /**
   * A RECEIVED claim older than this belongs to an invocation that died (timeout, crash) without releasing it;
   * a new delivery may take it over. Must exceed the Lambda timeout. Default 15 minutes, Lambda's maximum.
   */
  staleClaimMs?: number;
  /** Milliseconds kept free before the Lambda timeout for a stopped preparation to clean up (default 30 000). */
  timeoutMarginMs?: number;
  /** Pauses (ms) before each new try of a submission refused transiently; default about 0.5, 2 and 8 s. */
  submitRetryDelaysMs?: readonly number[];
}

export interface ProcessDependencies extends Dependencies<ProcessSettings> {
  /** Called while a file is read (about every 16 MB and at the end): the CLI's progress line. */
  onProgress?: (progress: FileProgress) => void;
  /**
   * Aborted when the invocation must stop to end cleanly before its timeout (the handler sets it from the Lambda
   * context's remaining time); its reason is the error the run is released with.
   */
  deadline?: AbortSignal;
}

/** How far the processing function has read one file. */
export interface FileProgress {
  key: string;
  runId: string;
  /** The object's size in bytes. */
  size: number;
  /** Bytes read so far (compressed bytes for compressed input). */
  bytes: number;
  records: number;
}

export const recordStatuses = ['submitted', 'split', 'failed', 'duplicate', 'skipped', 'held'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

export interface RecordResult {
  key: string;
  status: RecordStatus;
  runId?: string;
  error?: string;
  /** The failure was transient: the claim was released and the event should be delivered again. */
  retry?: boolean;
}

export interface ProcessEventResult {
  results: RecordResult[];
}
