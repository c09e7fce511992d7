// The Notifier port: tells people (SNS) and systems (EventBridge, the local outbox) how a file ended.

export const fileStatuses = [
  'SUBMITTED',
  'FINISHED',
  'FAILED',
  'ABORTED',
  'SPLIT',
  'TRANSFORMED',
  'TRANSFORM_FAILED',
  'SKIPPED',
  /** Kept in the input by a sequence contract (a gap or repeat under policy hold). */
  'HELD',
  /** No file of a feed arrived by its due time: a feed's message, not a file's (fileName names the rule). */
  'LATE',
] as const;
export type FileStatus = (typeof fileStatuses)[number];

/** The feed contract's checks: the verdicts a notification may carry (see lib/core/contracts). */
export const contractCheckNames = [
  'control_count',
  'control_sum',
  'control_hash',
  'sequence',
  'arrival',
  'duplicate',
  'resend',
] as const;
export type ContractCheckName = (typeof contractCheckNames)[number];

/** passed: as declared; warned: loaded anyway by policy; failed: the file was refused; held/skipped: by policy. */
export const contractOutcomes = ['passed', 'warned', 'failed', 'held', 'skipped'] as const;
export type ContractOutcome = (typeof contractOutcomes)[number];

export interface ContractCheck {
  check: ContractCheckName;
  outcome: ContractOutcome;
  /** What the contract declared, in words a person can compare with `found`. */
  expected?: string;
  found?: string;
}

/** The structured payload every notification carries. */
export interface FileStatusMessage {
  fileName: string;
  interface: string | null;
  targetTable: string | null;
  status: FileStatus;
  success: boolean;
  rowsLoaded: number | null;
  rowsRejected: number | null;
  error: string | null;
  auditId: number | null;
  runId: string;
  durationMs: number | null;
  /** The feed contract's verdicts on this file, when its rule declares any. */
  checks?: ContractCheck[];
  /** The operator's `custom_error_msg`, appended to readable texts of failures. */
  customErrorMessage?: string | null;
}

export interface Notifier {
  publish(message: FileStatusMessage): Promise<void>;
}
