// The Warehouse port: submit SQL to Redshift (or the local stand-in) asynchronously and ask how it went.

export const statementStates = ['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'FAILED', 'ABORTED'] as const;
export type StatementState = (typeof statementStates)[number];
export const finalStatementStates: readonly StatementState[] = ['FINISHED', 'FAILED', 'ABORTED'];

export interface SubmitRequest {
  /** `ferry:<runId>` or `ferry-transform:<runId>`; at most 500 characters, never SQL or paths. */
  name: string;
  /** Run as one transaction, in order (BatchExecuteStatement). At most 40 statements, 100 KB in all. */
  sqls: string[];
  /** Ask for a status-change event when the statement finishes. */
  withEvent: boolean;
  /**
   * Makes the submission idempotent (the Data API's ClientToken): submitting again with the same token returns the
   * first statement's id instead of running it twice — how a submit whose answer was lost is retried safely.
   */
  clientToken?: string;
}

export interface SubStatement {
  id: string;
  status: StatementState;
  queryString: string;
  error?: string;
  resultRows?: number;
  hasResultSet?: boolean;
  redshiftQueryId?: number;
}

export interface StatementDescription {
  id: string;
  name?: string;
  status: StatementState;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
  resultRows?: number;
  hasResultSet?: boolean;
  redshiftQueryId?: number;
  subStatements: SubStatement[];
}

export interface StatementResult {
  columns: string[];
  rows: unknown[][];
}

export interface Warehouse {
  submit(request: SubmitRequest): Promise<{ id: string }>;
  describe(id: string): Promise<StatementDescription>;
  /** Rows of a finished statement (a sub-statement id for a batch, e.g. `<id>:2`). */
  results(id: string): Promise<StatementResult>;
}
