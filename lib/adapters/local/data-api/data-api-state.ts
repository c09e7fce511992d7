// What the endpoint remembers beside the backend: how each statement was submitted, and how to find it again.
import type { StatementDescription, SubStatement } from '../../../ports/warehouse.js';
import type { StatementBackend } from '../redshift/statement-backend.js';
import { statementNotFound } from './data-api-errors.js';

/** The connection members a caller sent (echoed back by Describe and the submit calls, as the service does). */
export interface TargetMembers {
  Database: string;
  ClusterIdentifier?: string;
  DbUser?: string;
  SecretArn?: string;
  WorkgroupName?: string;
}

export interface Submission {
  target: TargetMembers;
  /** ExecuteStatement submissions describe as one statement; batches list sub-statements. */
  batch: boolean;
  /** The SQL of an ExecuteStatement: the port's description of a single statement does not carry it. */
  sql?: string;
}

export interface DataApiState {
  backend: StatementBackend;
  submissions: Map<string, Submission>;
  /** Rows of results being paged, so each page does not re-read the whole result. */
  resultCache: Map<string, { columns: string[]; rows: unknown[][] }>;
  resultPageRows: number;
}

export interface FoundStatement {
  description: StatementDescription;
  submission: Submission | undefined;
  /** Set when the id named one statement of a batch (`<id>:<n>`). */
  sub?: SubStatement;
}

const subStatementId = /^(.+):(\d+)$/;

/** Looks a statement (or `<id>:<n>` sub-statement) up; an id the backend never issued is ResourceNotFound. */
export async function findStatement(state: DataApiState, id: string): Promise<FoundStatement> {
  const match = subStatementId.exec(id);
  const parentId = match?.[1] ?? id;
  const description = await describeOrNotFound(state.backend, parentId, id);
  const submission = state.submissions.get(parentId);
  if (!match) return { description, submission };
  const sub = description.subStatements[Number(match[2]) - 1];
  if (!sub) throw statementNotFound(id);
  return { description, submission, sub };
}

async function describeOrNotFound(backend: StatementBackend, parentId: string, requestedId: string) {
  try {
    return await backend.describe(parentId);
  } catch (error) {
    // The backend's own error wording is not part of its interface, so ask whether the id exists at all.
    const known = await backend.list();
    if (!known.some((statement) => statement.id === parentId)) throw statementNotFound(requestedId);
    throw error;
  }
}

/** A batch unless submitted through ExecuteStatement (or, for statements not seen here, listed without sub-statements). */
export function isBatch(description: StatementDescription, submission: Submission | undefined): boolean {
  return submission?.batch ?? description.subStatements.length > 0;
}

/** An ExecuteStatement seen as one statement: its only sub-statement if the backend lists one, else the description. */
export function singleStatement(
  description: StatementDescription,
  submission: Submission | undefined,
): SubStatement {
  const listed = description.subStatements[0];
  if (listed) return listed;
  const { id, status, error, resultRows, hasResultSet, redshiftQueryId } = description;
  return {
    id,
    status,
    queryString: submission?.sql ?? '',
    ...(error !== undefined ? { error } : {}),
    ...(resultRows !== undefined ? { resultRows } : {}),
    ...(hasResultSet !== undefined ? { hasResultSet } : {}),
    ...(redshiftQueryId !== undefined ? { redshiftQueryId } : {}),
  };
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
