// The shape of one bad-input case: a generated file, optional extra config, and the exact outcome expected.

export interface CorpusCase {
  /** Reads as a sentence in the test name. */
  name: string;
  /** Extra config SQL run before the file is put (rules of their own, so cases never share a token). */
  rule?: string;
  file: { name: string; bytes: Buffer };
  expect: CaseExpectation;
  /** A warehouse query whose rows prove what was loaded (values, NULLs, a post-load SQL's effect). */
  verify?: { sql: string; rows: unknown[][] };
}

export interface CaseExpectation {
  /** The run's final ledger state. */
  state: 'TRANSFORMED' | 'LOADED' | 'TRANSFORM_FAILED' | 'FAILED' | 'ABORTED' | 'SPLIT';
  /** ext_file_audit.file_process_status of the run's audit row. */
  auditStatus: string;
  /** The run's error (and the audit's error_msg): the exact text, or a pattern. */
  error?: string | RegExp;
  /** For a COPY that failed: the first row sys_load_error_detail holds for the file, `<code>: <message>`. */
  loadError?: string | RegExp;
  /** Rows loaded by the run (checked in the ledger and counted in `table`); 0 for a failure. */
  rows?: number;
  /** Where the original ends up: `archive/<interface cid>/` when loaded or split, `archive/error/` when failed. */
  archivedUnder: string;
  /** The target table the rows go to (or must not go to), `schema.table`. */
  table?: string;
  /** For a split parent: each part's code and its own expected outcome. */
  parts?: Array<{ code: string; expect: CaseExpectation }>;
}
