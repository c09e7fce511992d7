// Maps Data API responses (DescribeStatement, GetStatementResult records) into the Warehouse port's types.
import type { DescribeStatementResponse, Field, SubStatementData } from '@aws-sdk/client-redshift-data';
import { TerminalError } from '../../core/errors.js';
import {
  type StatementDescription,
  type StatementState,
  type SubStatement,
  statementStates,
} from '../../ports/warehouse.js';

export function toStatementState(status: string | undefined, id: string): StatementState {
  if ((statementStates as readonly string[]).includes(status ?? '')) return status as StatementState;
  throw new TerminalError(
    `Redshift Data API statement ${id}: expected a status among ${statementStates.join(', ')}, found ${status}`,
    {
      context: { statementId: id },
    },
  );
}

export function toStatementDescription(
  response: DescribeStatementResponse,
  requestedId: string,
): StatementDescription {
  const id = response.Id ?? requestedId;
  const createdAt = response.CreatedAt ?? new Date(0);
  return {
    id,
    status: toStatementState(response.Status, id),
    ...optional('error', response.Error),
    createdAt,
    updatedAt: response.UpdatedAt ?? createdAt,
    ...optional('resultRows', counted(response.ResultRows)),
    ...optional('hasResultSet', response.HasResultSet),
    ...optional('redshiftQueryId', counted(response.RedshiftQueryId)),
    subStatements: (response.SubStatements ?? []).map(toSubStatement),
  };
}

function toSubStatement(sub: SubStatementData): SubStatement {
  const id = sub.Id ?? '';
  return {
    id,
    status: toStatementState(sub.Status, id),
    queryString: sub.QueryString ?? '',
    ...optional('error', sub.Error),
    ...optional('resultRows', counted(sub.ResultRows)),
    ...optional('hasResultSet', sub.HasResultSet),
    ...optional('redshiftQueryId', counted(sub.RedshiftQueryId)),
  };
}

/** One GetStatementResult cell as a JS value: numbers for long/double, text for numeric, dates and strings. */
export function fieldValue(field: Field): unknown {
  if (field.isNull) return null;
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.longValue !== undefined) return field.longValue;
  if (field.doubleValue !== undefined) return field.doubleValue;
  if (field.stringValue !== undefined) return field.stringValue;
  if (field.blobValue !== undefined) return field.blobValue;
  // An empty union member is how the service encodes a null in some responses.
  return null;
}

/** The Data API reports -1 when a count is not known (yet); the port leaves it out instead. */
function counted(value: number | undefined): number | undefined {
  return value === undefined || value < 0 ? undefined : value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
