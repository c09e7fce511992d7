// DescribeStatement and ListStatements: the backend's descriptions in the Data API's response shapes.
import {
  finalStatementStates,
  type StatementDescription,
  type SubStatement,
  statementStates,
} from '../../../ports/warehouse.js';
import { validationError } from './data-api-errors.js';
import { optionalInteger, optionalString, type RequestBody, requiredString } from './data-api-input.js';
import {
  type DataApiState,
  epochSeconds,
  findStatement,
  isBatch,
  singleStatement,
} from './data-api-state.js';

const listStatuses = [...statementStates, 'ALL'] as const;

export async function describeStatement(state: DataApiState, body: RequestBody): Promise<object> {
  const id = requiredString(body, 'Id');
  const { description, submission, sub } = await findStatement(state, id);
  const target = submission?.target ?? {};
  if (sub) return { ...target, ...statementFields(description, sub), Id: sub.id };
  if (!isBatch(description, submission)) {
    const error = description.error ? { Error: description.error } : {};
    return {
      ...target,
      ...statementFields(description, singleStatement(description, submission)),
      ...error,
      Id: description.id,
    };
  }
  return {
    ...target,
    ...timing(description),
    Id: description.id,
    Status: description.status,
    ...(description.error ? { Error: description.error } : {}),
    HasResultSet: description.hasResultSet ?? false,
    ResultRows: description.resultRows ?? -1,
    RedshiftQueryId: description.redshiftQueryId ?? 0,
    SubStatements: description.subStatements.map((each) => statementFields(description, each)),
  };
}

export async function listStatements(state: DataApiState, body: RequestBody): Promise<object> {
  const status = optionalString(body, 'Status') ?? 'FINISHED';
  if (!(listStatuses as readonly string[]).includes(status)) {
    throw validationError(`Status: expected one of ${listStatuses.join(', ')}, found ${status}`);
  }
  const prefix = optionalString(body, 'StatementName');
  const maxResults = optionalInteger(body, 'MaxResults', 0, 100) || 100;
  const offset = readOffset(optionalString(body, 'NextToken'));
  const statements = await state.backend.list(status === 'ALL' ? {} : { status });
  const matching = statements.filter((statement) => !prefix || (statement.name ?? '').startsWith(prefix));
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    Statements: page.map((statement) => statementData(state, statement)),
    ...(next < matching.length ? { NextToken: Buffer.from(String(next)).toString('base64') } : {}),
  };
}

function statementData(state: DataApiState, statement: StatementDescription): object {
  const submission = state.submissions.get(statement.id);
  const batch = isBatch(statement, submission);
  const queries = batch
    ? statement.subStatements.map((sub) => sub.queryString)
    : [singleStatement(statement, submission).queryString];
  return {
    Id: statement.id,
    ...(statement.name ? { StatementName: statement.name } : {}),
    Status: statement.status,
    CreatedAt: epochSeconds(statement.createdAt),
    UpdatedAt: epochSeconds(statement.updatedAt),
    IsBatchStatement: batch,
    ...(batch ? { QueryStrings: queries } : { QueryString: queries[0] ?? '' }),
  };
}

/** One statement's members; the port keeps times on the batch only, so sub-statements share them. */
function statementFields(parent: StatementDescription, sub: SubStatement): Record<string, unknown> {
  return {
    ...timing({ ...parent, status: sub.status }),
    Id: sub.id,
    Status: sub.status,
    QueryString: sub.queryString,
    ...(sub.error ? { Error: sub.error } : {}),
    HasResultSet: sub.hasResultSet ?? false,
    ResultRows: sub.resultRows ?? -1,
    RedshiftQueryId: sub.redshiftQueryId ?? 0,
  };
}

/** Duration is in nanoseconds and -1 until the statement ends. */
function timing(statement: Pick<StatementDescription, 'createdAt' | 'updatedAt' | 'status'>) {
  const ended = finalStatementStates.includes(statement.status);
  return {
    CreatedAt: epochSeconds(statement.createdAt),
    UpdatedAt: epochSeconds(statement.updatedAt),
    Duration: ended ? (statement.updatedAt.getTime() - statement.createdAt.getTime()) * 1_000_000 : -1,
  };
}

export function readOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0)
    throw validationError('NextToken: expected a token from an earlier response');
  return offset;
}
