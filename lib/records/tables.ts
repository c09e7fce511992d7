// Kysely types of the config database. Column names are the original framework's; Ferry's additions sit beside them.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FileStatusMessage } from '../ports/notifier.js';

/** `timestamp` columns (no zone) hold wall-clock text in the configured timezone, as the original wrote them. */
type WallClock = ColumnType<string, string | undefined, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** numeric(…) columns come back as text, so that 30-digit ids stay exact. */
type Numeric = ColumnType<string, string | number, string | number>;
type Instant = ColumnType<Date, Date | string | undefined, Date | string>;

export interface InterfaceTable {
  ext_interface_cid: Numeric;
  interface_name: string;
  interface_desc: string | null;
  oprtnl_flag: Defaulted<string>;
  created_date: WallClock;
  modified_date: WallClock;
}

export interface FileConfigTable {
  ext_file_config_sid: number;
  ext_interface_cid: Numeric;
  tgt_schema_name: string | null;
  tgt_table_name: string | null;
  file_prefix: string;
  file_format: string;
  file_type: string;
  delimiter: string | null;
  header_flag: string;
  trailer_flag: string;
  query: string | null;
  split_file_flag: string;
  split_prefix: string | null;
  escape_char: string | null;
  trailer_pstn: string | null;
  oprtnl_flag: Defaulted<string>;
  created_date: WallClock;
  modified_date: WallClock;
  // Ferry's additions, all nullable: a null keeps the original behaviour.
  file_pattern: string | null;
  min_size_bytes: number | null;
  max_errors: number | null;
  /** Decompressed bytes allowed per compressed byte; null: FERRY_MAX_EXPANSION_RATIO. */
  max_expansion_ratio: number | null;
  null_as: string | null;
  empty_as_null: string | null;
  blanks_as_null: string | null;
  truncate_columns: string | null;
  accept_any_date: string | null;
  csv_quote: string | null;
  date_format: string | null;
  time_format: string | null;
  check_header_flag: string | null;
  output_compression: string | null;
  output_parts: number | null;
  // 2026-12-02-013-copy-options: COPY options beyond the original's, all nullable.
  backslash_escape: string | null;
  ignore_header_rows: number | null;
  fill_record: string | null;
  trim_blanks: string | null;
  round_decimals: string | null;
  accept_inv_chars: string | null;
  inv_char_replacement: string | null;
  input_compression: string | null;
  json_paths: string | null;
  /** 'warn' | 'skip' | 'load': same content already loaded under another name; null: load. */
  duplicate_policy: string | null;
  /** 'append' | 'replace' | 'reject': a loaded name sent again with other content; null: append. */
  resend_policy: string | null;
  // 2026-12-07-008-sequence-arrival: a feed's sequence numbers and expected arrival, all nullable.
  sequence_source: string | null;
  sequence_pattern: string | null;
  sequence_pstn: string | null;
  sequence_policy: string | null;
  due_time: string | null;
  due_timezone: string | null;
  due_days: string | null;
  // 2026-12-07-007-control-totals: trailer control totals and row lineage, all nullable.
  control_sum_column: string | null;
  control_sum_pstn: string | null;
  control_hash_pstn: string | null;
  control_hash_algorithm: string | null;
  lineage_flag: string | null;
}

export interface FileConfigDetailTable {
  ext_file_config_dtl_sid: number;
  ext_file_config_sid: number;
  column_name: string;
  column_width_fixed: Numeric | null;
  column_order_sqnc: Numeric;
  oprtnl_flag: Defaulted<string>;
  created_date: WallClock;
  modified_date: WallClock;
}

export interface FileAuditTable {
  ext_file_audit_sid: Generated<number>;
  /** Null only for a file that matched no rule (the original could not audit those at all). */
  ext_interface_cid: Numeric | null;
  tgt_schema_name: string | null;
  tgt_table_name: string | null;
  file_process_status: string;
  file_process_date: string;
  file_prcsd_flag: string;
  merge_query: string | null;
  error_msg: string | null;
  start_time: string;
  end_time: string;
  update_query: string | null;
  escape_char: string | null;
  created_date: WallClock;
  modified_date: WallClock;
  // Ferry's additions.
  run_id: string | null;
  file_name: string | null;
  object_key: string | null;
  ext_file_config_sid: number | null;
  statement_id: string | null;
  rows_loaded: number | null;
  rows_rejected: number | null;
  /** The feed contract's verdicts, a JSON array of ContractCheck; null when the rule declares no contract. */
  contract_checks: string | null;
}

/** The run ledger: one live row per (bucket, key, ETag); the unique index makes duplicate deliveries no-ops. */
export interface RunTable {
  run_id: string;
  bucket: string;
  object_key: string;
  etag: string;
  size_bytes: number | null;
  state: string;
  ext_file_config_sid: number | null;
  ext_interface_cid: Numeric | null;
  parent_run_id: string | null;
  ext_file_audit_sid: number | null;
  statement_id: string | null;
  transform_statement_id: string | null;
  /** Objects this run wrote into processing/ (prepared file, parts, manifest). */
  prepared_keys: ColumnType<string[], string[] | undefined, string[]>;
  /** Counts and facts of the run: records, split counts, dropped lines, archive keys. */
  details: ColumnType<
    Record<string, unknown>,
    Record<string, unknown> | string | undefined,
    Record<string, unknown> | string
  >;
  error: string | null;
  rows_loaded: number | null;
  rows_rejected: number | null;
  /** Set when `ferry reprocess` retires a finished run so the same object can run again. */
  retired_at: Instant | null;
  /** sha256 (hex) of the object's bytes as stored; null when the file was not read and no policy asked for it. */
  content_hash: string | null;
  /** The run whose load replaced this run's rows (resend_policy 'replace'), once it claimed them. */
  superseded_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** Rows Redshift rejected under MAXERROR, kept next to the audit row. */
export interface LoadErrorTable {
  load_error_id: Generated<number>;
  run_id: string;
  ext_file_audit_sid: number | null;
  line_number: number | null;
  column_name: string | null;
  error_code: number | null;
  reason: string | null;
  raw_line: string | null;
  raw_value: string | null;
  created_at: Instant;
}

/** One notification per (run, status): pending until published, then sent; a repeated event sends nothing twice. */
export interface NotificationTable {
  run_id: string;
  status: string;
  /** Null while pending. */
  sent_at: Instant | null;
  /** Set by the attempt publishing it; an attempt that died leaves it to expire. */
  claimed_at: Instant | null;
  message: ColumnType<FileStatusMessage | null, string | null | undefined, string | null>;
  /** Not published before this time unless released: a failed COPY's notice waiting for its row-level reason. */
  held_until: Instant | null;
}

/** The local Notifier's outbox: what SNS and EventBridge would have received. */
export interface OutboxTable {
  outbox_id: Generated<number>;
  run_id: string | null;
  channel: string;
  subject: string | null;
  body: string;
  attributes: ColumnType<
    Record<string, unknown>,
    Record<string, unknown> | string | undefined,
    Record<string, unknown> | string
  >;
  created_at: Instant;
}

/** The last loaded sequence number of each feed (rule); written only by feed-sequence.ts. */
export interface FeedSequenceTable {
  ext_file_config_sid: number;
  /** Digits without leading zeros (text: numbers beyond 2^53 stay exact). */
  last_sequence: string;
  run_id: string | null;
  updated_at: Instant;
}

/** One row per feed and missed due instant: a miss is noticed (and notified) once; written only by late-feeds.ts. */
export interface LateFeedTable {
  ext_file_config_sid: number;
  due_at: Instant;
  last_arrival: Instant | null;
  noticed_at: Instant;
}

export interface Database {
  'rdscnfg.ext_interface': InterfaceTable;
  'rdscnfg.ext_file_config': FileConfigTable;
  'rdscnfg.ext_file_config_dtl': FileConfigDetailTable;
  'rdscnfg.ext_file_audit': FileAuditTable;
  'rdscnfg.ferry_run': RunTable;
  'rdscnfg.ferry_load_error': LoadErrorTable;
  'rdscnfg.ferry_notification': NotificationTable;
  'rdscnfg.ferry_outbox': OutboxTable;
  'rdscnfg.ferry_feed_sequence': FeedSequenceTable;
  'rdscnfg.ferry_late_feed': LateFeedTable;
}

export type FileConfigRow = Selectable<FileConfigTable>;
export type FileConfigDetailRow = Selectable<FileConfigDetailTable>;
export type InterfaceRow = Selectable<InterfaceTable>;
export type FileAuditRow = Selectable<FileAuditTable>;
export type NewFileAudit = Insertable<FileAuditTable>;
export type FileAuditUpdate = Updateable<FileAuditTable>;
export type RunRow = Selectable<RunTable>;
export type NewRun = Insertable<RunTable>;
export type RunUpdate = Updateable<RunTable>;
export type LoadErrorRow = Selectable<LoadErrorTable>;
export type OutboxRow = Selectable<OutboxTable>;
