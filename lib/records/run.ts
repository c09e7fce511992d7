// The run as the use cases see it: plain words, a closed set of states, and typed facts in place of the details JSON.

import type { SplitPart } from '../core/ingest/prepare-types.js';
import type { Compression } from '../core/rules/rule.js';
import type { ContractCheck } from '../ports/notifier.js';
import type { RunState } from './run-states.js';

/**
 * One run of one object (bucket, key, ETag). Every fact a step recorded sits in `facts`, grouped by the step that
 * recorded it; `runs.ts` is the one place that reads and writes them as the `details` column.
 */
export interface Run {
  id: string;
  bucket: string;
  key: string;
  etag: string;
  sizeBytes: number | null;
  state: RunState;
  ruleId: number | null;
  /** The interface cid as written in keys and messages (`527`, never `527.0`). */
  interfaceId: string | null;
  parentRunId: string | null;
  auditId: number | null;
  statementId: string | null;
  transformStatementId: string | null;
  /** Objects this run wrote into processing/ (prepared file, parts, manifest). */
  preparedKeys: string[];
  facts: RunFacts;
  error: string | null;
  rowsLoaded: number | null;
  rowsRejected: number | null;
  /** Set when `ferry reprocess` or a new upload retired the run so the same object can run again. */
  retiredAt: Date | null;
  /** sha256 (hex) of the object's bytes, when the run read them. */
  contentHash: string | null;
  /** The run whose load replaced this run's rows (resend_policy 'replace'). */
  supersededBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What the steps of a run recorded. A group is present once its step ran; its fields are optional because rows
 * written by earlier versions may lack the ones added since (they are still read, never rewritten on their own).
 */
export interface RunFacts {
  /** Reading the file (submission, split and failure all record it). */
  file?: FileFacts;
  /** Submission: what the load batch was built from, so a resubmission repeats it exactly. */
  load?: LoadFacts;
  split?: SplitFacts;
  /** Archiving, after the load's outcome or a failure or split. */
  archive?: ArchiveFacts;
  failure?: FailureFacts;
  /** The feed contract's verdicts (control totals, sequence, duplicates, re-sends), as they were reached. */
  contract?: ContractFacts;
}

export interface FileFacts {
  fileName?: string;
  /** The object's size. */
  bytes?: number;
  /** Bytes after decompression, as scanned. */
  bytesScanned?: number;
  /** Data records counted while preparing; null when the file was loaded as it is, unread. */
  records?: number | null;
  /** The trailer's record count, when the rule has a trailer. */
  trailerCount?: number;
  /** The object's last-modified time (ISO 8601): where the upload-to-loaded latency counts from. */
  uploadedAt?: string;
  /** sha256 (hex) of the object's bytes as stored (compressed bytes for a compressed file). */
  sha256?: string;
}

export interface LoadFacts {
  manifestKey?: string;
  loadKeys?: string[];
  compression?: Compression;
  hasHeader?: boolean;
  /** The load time stamped into the rows (`yyyy-mm-dd hh:mm:ss.mmm`, UTC). */
  loadedAt?: string;
  /** resend_policy 'replace': the run whose rows the batch deletes before inserting, and their stamped load time. */
  replacesRunId?: string;
  replacesLoadedAt?: string;
  /** Row lineage: the object's version id (else ETag) stamped into the rows, repeated by a resubmission. */
  sourceVersion?: string;
}

export interface SplitFacts {
  parts?: SplitPart[];
  /** Records per record type code, 0 for a code the file did not have. */
  counts?: Record<string, number>;
  dropped?: number;
  droppedSample?: string[];
}

export interface ArchiveFacts {
  /** Where the original went (failure before submission, split parent); null when the move failed. */
  archiveKey?: string | null;
  /** Where each object went after the load's outcome, the original first unless it was replaced. */
  archivedKeys?: string[];
  /** The original had been overwritten by a newer version with a run of its own. */
  originalReplaced?: true;
}

export interface ContractFacts {
  checks?: ContractCheck[];
}

export interface FailureFacts {
  errorName?: string;
}

/** The fields a step may change on a run (its state moves only through a compare-and-set). */
export interface RunChange {
  ruleId?: number | null;
  interfaceId?: string | null;
  auditId?: number | null;
  statementId?: string | null;
  transformStatementId?: string | null;
  preparedKeys?: string[];
  /** Replaces the recorded facts: pass `{ ...run.facts, archive }` to add to them. */
  facts?: RunFacts;
  error?: string | null;
  rowsLoaded?: number | null;
  rowsRejected?: number | null;
  contentHash?: string | null;
}
