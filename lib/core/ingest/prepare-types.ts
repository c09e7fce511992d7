// What file preparation takes and what it hands back to the processing function.

import type { ContractCheck } from '../../ports/notifier.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { Compression, Rule } from '../rules/rule.js';

export interface PrepareProgress {
  /** Bytes read from the store so far (compressed bytes for compressed input). */
  bytes: number;
  records: number;
}

export interface PrepareInput {
  store: ObjectStore;
  /** The input object, e.g. `external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt`. */
  key: string;
  rule: Rule;
  runId: string;
  /** Where prepared copies go, with its trailing slash: `processing/`. */
  processingPrefix: string;
  /** Where split parts re-enter, with its trailing slash: `external_input/`. */
  inputPrefix: string;
  now: Date;
  /** IANA zone of the split parts' `yyyyMMddHHmmss` stamp (the original's `timezone`); `UTC` when absent. */
  timezone?: string;
  /** The object's size when the caller already knows it (saves a `head` when cutting parts). */
  size?: number;
  /** The object's ETag when the caller knows it: lets the store copy a prepared copy that needs no rewrite. */
  etag?: string;
  /** Decompressed bytes allowed per compressed byte, unless the rule says; defaultMaxExpansionRatio when absent. */
  maxExpansionRatio?: number;
  /**
   * Hash the object even when nothing else needs it read (a file loaded as it is): the rule has a duplicate or
   * resend policy. A file that is read anyway is always hashed, in the same pass.
   */
  hashContent?: boolean;
  /** Called about every 16 MB read and once at the end. */
  onProgress?: (progress: PrepareProgress) => void;
  /**
   * Stops the preparation: the read is destroyed, what was written is removed, and the signal's reason is thrown
   * (the processing function aborts it when the invocation is about to time out).
   */
  signal?: AbortSignal;
}

export interface SplitPart {
  code: string;
  /** The part's key in the input folder, where it is processed under its own rule. */
  key: string;
  records: number;
}

export interface PreparedLoad {
  /** What COPY must load: the original key, or the keys written under `processing/`, in order. */
  keys: string[];
  compression: Compression;
  /** The objects still start with the header line, so COPY needs IGNOREHEADER 1. */
  hasHeader: boolean;
}

export interface PreparedFile {
  /** Data records (not header, trailer or blank lines); null when the file did not need to be read. */
  records: number | null;
  /** Bytes read from the store (compressed bytes for compressed input); 0 when not read. */
  bytesRead: number;
  /** Bytes after decompression, as scanned. */
  bytesScanned: number;
  /** sha256 (hex) of the object's bytes as stored; absent when the file was not read and no hash was asked for. */
  sha256?: string;
  /** The header line, without its line ending, when the rule has one and the file was read. */
  header?: string;
  /** The trailer's record count, when the rule has a trailer. */
  trailerCount?: number;
  /** The control checks' verdicts (trailer count, control totals), all passed: a failed one fails the file. */
  checks?: ContractCheck[];
  /** Absent for a split parent, which is never loaded itself. */
  load?: PreparedLoad;
  split?: { parts: SplitPart[]; dropped: number; droppedSample: string[] };
  /** Every object written under `processing/` (to archive with the run). */
  preparedKeys: string[];
}
