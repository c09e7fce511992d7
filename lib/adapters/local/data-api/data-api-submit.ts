// ExecuteStatement, BatchExecuteStatement and CancelStatement: hand SQL to the backend, check what the service checks.
import { dataApiLimits } from '../../../core/load-sql/batch-limits.js';
import { finalStatementStates, type SubmitRequest } from '../../../ports/warehouse.js';
import { validationError } from './data-api-errors.js';
import {
  optionalBoolean,
  optionalString,
  type RequestBody,
  refuseMembers,
  requiredString,
  requiredStrings,
} from './data-api-input.js';
import { type DataApiState, epochSeconds, findStatement, type TargetMembers } from './data-api-state.js';

const submitLimits = dataApiLimits;

export async function executeStatement(state: DataApiState, body: RequestBody): Promise<object> {
  return submit(state, body, [requiredString(body, 'Sql')], false);
}

export async function batchExecuteStatement(state: DataApiState, body: RequestBody): Promise<object> {
  return submit(state, body, requiredStrings(body, 'Sqls', 1, submitLimits.statements), true);
}

export async function cancelStatement(state: DataApiState, body: RequestBody): Promise<object> {
  const id = requiredString(body, 'Id');
  const { description } = await findStatement(state, id.replace(/:\d+$/, ''));
  if (finalStatementStates.includes(description.status)) {
    throw validationError(
      `Could not cancel a query that is already in ${description.status} state with ID: ${id}`,
    );
  }
  return { Status: await state.backend.cancel(description.id) };
}

async function submit(
  state: DataApiState,
  body: RequestBody,
  sqls: string[],
  batch: boolean,
): Promise<object> {
  refuseMembers(body, ['Parameters'], 'parameterised SQL is not supported by the local endpoint');
  refuseMembers(
    body,
    ['SessionId', 'SessionKeepAliveSeconds'],
    'sessions are not supported by the local endpoint',
  );
  const target = readTarget(body);
  const name = optionalString(body, 'StatementName');
  if (name !== undefined && name.length > submitLimits.nameLength) {
    throw validationError(
      `StatementName: expected at most ${submitLimits.nameLength} characters, found ${name.length}`,
    );
  }
  const bytes = sqls.reduce((sum, sql) => sum + Buffer.byteLength(sql, 'utf8'), 0);
  if (bytes > submitLimits.sqlBytes) {
    throw validationError(`SQL: expected at most ${submitLimits.sqlBytes} bytes in all, found ${bytes}`);
  }
  const withEvent = optionalBoolean(body, 'WithEvent') ?? false;
  const createdAt = new Date();
  // `batch` tells a backend that distinguishes the two calls (the stand-in does) how to describe the statement.
  const clientToken = optionalString(body, 'ClientToken');
  const request: SubmitRequest & { batch: boolean } = {
    name: name ?? '',
    sqls,
    withEvent,
    batch,
    ...(clientToken === undefined ? {} : { clientToken }),
  };
  const { id } = await state.backend.submit(request);
  state.submissions.set(id, { target, batch, ...(batch ? {} : { sql: sqls[0] }) });
  return { Id: id, CreatedAt: epochSeconds(createdAt), ...target };
}

/** The service needs a database and exactly one of a cluster or a workgroup; DbUser and SecretArn exclude each other. */
function readTarget(body: RequestBody): TargetMembers {
  const database = requiredString(body, 'Database');
  const cluster = optionalString(body, 'ClusterIdentifier');
  const workgroup = optionalString(body, 'WorkgroupName');
  const dbUser = optionalString(body, 'DbUser');
  const secretArn = optionalString(body, 'SecretArn');
  if (Boolean(cluster) === Boolean(workgroup)) {
    throw validationError('expected exactly one of ClusterIdentifier or WorkgroupName');
  }
  if (dbUser && secretArn) throw validationError('expected DbUser or SecretArn, found both');
  if (dbUser && workgroup)
    throw validationError('DbUser applies to a provisioned cluster only; found WorkgroupName');
  return {
    Database: database,
    ...(cluster ? { ClusterIdentifier: cluster } : {}),
    ...(dbUser ? { DbUser: dbUser } : {}),
    ...(secretArn ? { SecretArn: secretArn } : {}),
    ...(workgroup ? { WorkgroupName: workgroup } : {}),
  };
}
