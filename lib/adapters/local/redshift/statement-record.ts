// The stand-in's in-memory record of a submitted statement, and how it is described to callers.

import { TransientError } from '../../../core/errors.js';
import { StatementNotFoundError as UnknownStatement } from '../../../core/load-sql/statement-not-found-error.js';
import type {
  StatementDescription,
  StatementResult,
  StatementState,
  SubStatement,
} from '../../../ports/warehouse.js';

export interface SubStatementRecord {
  id: string;
  queryString: string;
  status: StatementState;
  error?: string;
  resultRows?: number;
  hasResultSet?: boolean;
  redshiftQueryId?: number;
  result?: StatementResult;
  createdAt: Date;
  updatedAt: Date;
}

export interface StatementRecord {
  id: string;
  name?: string;
  /** BatchExecuteStatement (reported with sub-statements) rather than ExecuteStatement. */
  batch: boolean;
  withEvent: boolean;
  status: StatementState;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
  subs: SubStatementRecord[];
  cancelRequested: boolean;
}

/**
 * The Data API's refusal when a cluster has too many statements SUBMITTED or STARTED (ActiveStatementsExceededException,
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_BatchExecuteStatement.html): nothing was queued,
 * and asking again once statements finish succeeds.
 */
export class ActiveStatementsExceededError extends TransientError {
  constructor(limit: number) {
    super(
      `Active statements exceeded the limit: ${limit} statements are submitted or started, the most allowed`,
    );
    this.name = 'ActiveStatementsExceededException';
  }
}

/** The Data API answers ResourceNotFoundException ("Query does not exist") for an unknown id; so does the stand-in. */
export class StatementNotFoundError extends UnknownStatement {
  constructor(id: string) {
    super(`Query does not exist: statement '${id}' is unknown to the local Redshift stand-in`, id);
  }
}

function describeSub(sub: SubStatementRecord): SubStatement {
  const out: SubStatement = { id: sub.id, status: sub.status, queryString: sub.queryString };
  if (sub.error !== undefined) out.error = sub.error;
  if (sub.resultRows !== undefined) out.resultRows = sub.resultRows;
  if (sub.hasResultSet !== undefined) out.hasResultSet = sub.hasResultSet;
  if (sub.redshiftQueryId !== undefined) out.redshiftQueryId = sub.redshiftQueryId;
  return out;
}

export function describeRecord(record: StatementRecord): StatementDescription {
  const ran = record.subs.filter((s) => s.redshiftQueryId !== undefined);
  const last = ran[ran.length - 1];
  const description: StatementDescription = {
    id: record.id,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    subStatements: record.batch ? record.subs.map(describeSub) : [],
  };
  if (record.name !== undefined) description.name = record.name;
  if (record.error !== undefined) description.error = record.error;
  if (record.status === 'FINISHED') {
    description.resultRows = record.batch
      ? record.subs.reduce((sum, s) => sum + (s.resultRows ?? 0), 0)
      : (record.subs[0]?.resultRows ?? 0);
    description.hasResultSet = record.batch ? false : Boolean(record.subs[0]?.hasResultSet);
  }
  if (last?.redshiftQueryId !== undefined) description.redshiftQueryId = last.redshiftQueryId;
  return description;
}
